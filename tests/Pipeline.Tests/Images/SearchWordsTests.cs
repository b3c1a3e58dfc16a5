using GenImageFactory.Pipeline.Images;
using GenImageFactory.Pipeline.Models;

namespace GenImageFactory.Pipeline.Tests.Images;

public class SearchWordsTests
{
    private static ImageRecord Image(string prompt, string? title = null, params string[] tags) => new()
    {
        Id = "j-g0000-i00", JobId = "j", GenerationIndex = 0, ImageIndex = 0, Prompt = prompt, AspectRatio = "1:1",
        Width = 1, Height = 1, ContentType = "image/png", QcStatus = "approved", CreatedAt = DateTimeOffset.UnixEpoch,
        OriginalBlob = "o", FinalBlob = "f", Metadata = title is null ? null : new ImageMetadata(title, "", tags),
    };

    [Fact]
    public void Words_AreLowerCaseLettersAndDigits()
    {
        Assert.Equal(["t", "shirt", "4k", "café", "über"], SearchWords.Of("T-Shirt, 4K  café/Über!"));
    }

    [Fact]
    public void Keys_AreTheFirstCharactersOfEachWord_WithoutShortOrCommonWords()
    {
        var image = Image("The sunset over a harbour", "Sunny harbour", "sea", "golden hour");

        var filing = SearchWords.FilingOf(image);

        Assert.Equal(["gol", "har", "hou", "sea", "sun"], filing.Keys.Order());
        Assert.Equal(["sunset", "sunny"], filing["sun"]);
    }

    [Theory]
    [InlineData("sun", true)]
    [InlineData("SUNSET harb", true)]
    [InlineData("golden", true)]
    [InlineData("unset", false)]
    [InlineData("sunset zeppelin", false)]
    [InlineData("", true)]
    public void Matches_WhenEachQueryWordBeginsAWordOfTheImage(string query, bool matches)
    {
        var image = Image("sunset over the harbour", "Quiet evening", "golden hour");

        Assert.Equal(matches, SearchWords.Matches(image, SearchWords.Of(query)));
    }

    [Fact]
    public void AQueryReadsAPartitionPerKeyOfItsWords_OrNoneWhenEveryWordIsTooShortOrCommon()
    {
        var keys = SearchWords.IndexedKeysOf(SearchWords.Of("red harbours harbour at dusk"));

        Assert.Equal(["dus", "har", "red"], keys.Keys.Order());
        Assert.Equal(["harbours", "harbour"], keys["har"]);
        Assert.Empty(SearchWords.IndexedKeysOf(SearchWords.Of("4k of the")));
    }
}
