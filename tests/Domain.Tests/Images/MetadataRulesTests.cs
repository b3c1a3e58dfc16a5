using GenImageFactory.Domain.Images;

namespace GenImageFactory.Domain.Tests.Images;

public class MetadataRulesTests
{
    private static readonly string Title10 = "Golden Wheat Field Under A Wide Summer Sky At Dusk";
    private static readonly string Description200 = new string('a', 199) + ".";
    private static readonly string[] Tags15 = Enumerable.Range(1, 15).Select(i => $"tag{i}").ToArray();

    [Fact]
    public void Repair_ValidMetadata_IsKeptAsItIs()
    {
        var repaired = MetadataRules.Repair(Title10, Description200, Tags15, out var problems);

        Assert.Empty(problems);
        Assert.Equal((Title10, Description200), (repaired!.Value.Title, repaired.Value.Description));
        Assert.Equal(Tags15, repaired.Value.Tags);
        Assert.True(MetadataRules.IsValid(Title10, Description200, Tags15));
    }

    [Fact]
    public void Repair_TooMuch_IsTrimmedToTheRules()
    {
        var longTitle = string.Join(' ', Enumerable.Range(1, 20).Select(i => $"word{i}"));
        var longDescription = string.Join(' ', Enumerable.Repeat("sunlight", 60));
        var manyTags = Tags15.Concat(["TAG1", " extra ", "more"]).ToArray();

        var repaired = MetadataRules.Repair(longTitle, longDescription, manyTags, out var problems)!.Value;

        Assert.Empty(problems);
        Assert.True(MetadataRules.IsValid(repaired.Title, repaired.Description, repaired.Tags), $"{repaired.Title} | {repaired.Description}");
        Assert.EndsWith(".", repaired.Description);
        Assert.Equal(Tags15, repaired.Tags);
    }

    [Fact]
    public void Repair_TooLittle_IsReportedNotInvented()
    {
        var repaired = MetadataRules.Repair("Short title", "Too short.", ["a", "a", "b"], out var problems);

        Assert.Null(repaired);
        Assert.Equal(3, problems.Count);
        Assert.Contains(problems, p => p.Contains("title has 2 words"));
        Assert.Contains(problems, p => p.Contains("2 distinct tags"));
    }

    [Fact]
    public void Repair_AWordThatIsNoWord_OrATagThatIsNoTag_IsReported()
    {
        var giant = new string('x', 20_000);
        var title = $"{giant} over the calm sea at dawn with boats";

        var repaired = MetadataRules.Repair(title, Description200, [.. Tags15[..14], giant], out var problems);

        Assert.Null(repaired);
        Assert.Contains(problems, p => p.Contains("title has 20037 characters"));
        Assert.Contains(problems, p => p.Contains("14 distinct tags"));
        Assert.False(MetadataRules.IsValid(title, Description200, Tags15));
        Assert.False(MetadataRules.IsValid(Title10, Description200, [.. Tags15[..14], new string('t', 51)]));
    }
}
