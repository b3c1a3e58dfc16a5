using GenImageFactory.Pipeline.Images;
using GenImageFactory.Pipeline.Ports;

namespace GenImageFactory.Pipeline.Tests.Images;

public class SearchSlicesTests
{
    private static string Id(long prefix, string rest = "-0a1b2c3d-g0000-i00") => $"{prefix:D19}{rest}";

    private static readonly SearchKeySpan Span = new(Id(1_000_000), Id(1_009_999));

    [Fact]
    public void SlicesFollowOneAnotherFromTheNewestId_ToAnOpenEnd()
    {
        // 10,000 prefixes and 20,000 entries: 1,000 entries a slice is 500 prefixes.
        var slices = SearchSlices.For(Span, 20_000, 1_000)!;

        var bounds = new List<string?>();
        string? after = null;
        do
        {
            after = slices.EndAfter(after);
            bounds.Add(after);
        }
        while (after is not null);

        Assert.Equal(Id(1_000_500, ""), bounds[0]);
        Assert.Equal(Id(1_001_000, ""), bounds[1]);
        Assert.Equal(20, bounds.Count);
        Assert.Null(bounds[^1]);
        Assert.All(bounds.Zip(bounds.Skip(1)).Where(p => p.Second is not null), p => Assert.True(string.CompareOrdinal(p.First, p.Second) < 0));
    }

    [Fact]
    public void ASliceStartsAtTheIdItFollows_SoEntriesSharingItsPrefixAreNotSkipped()
    {
        var slices = SearchSlices.For(Span, 20_000, 1_000)!;

        var end = slices.EndAfter(Id(1_003_000, "-ffffffff-g0001-i00"));

        Assert.Equal(Id(1_003_500, ""), end);
        Assert.True(string.CompareOrdinal(Id(1_003_000, "-ffffffff-g0002-i00"), end) < 0);
        Assert.True(string.CompareOrdinal(Id(1_003_500, "-00000000-g0000-i00"), end) > 0);
    }

    [Fact]
    public void Widening_DoublesTheNextSlice()
    {
        var slices = SearchSlices.For(Span, 20_000, 1_000)!;

        slices.Widen();

        Assert.Equal(Id(1_001_000, ""), slices.EndAfter(null));
    }

    [Fact]
    public void PastTheOldestId_OrAfterAnIdWithoutTheTimePrefix_TheRestIsReadWhole()
    {
        var slices = SearchSlices.For(Span, 20_000, 1_000)!;

        Assert.Null(slices.EndAfter(Id(1_009_600)));
        Assert.Null(slices.EndAfter("legacy-job-g0000-i00"));
    }

    [Fact]
    public void ASmallKey_OrOneWithoutAKnownSpan_IsNotSliced()
    {
        Assert.Null(SearchSlices.For(Span, SearchSlices.MinEntries - 1, 1_000));
        Assert.Null(SearchSlices.For(null, 50_000, 1_000));
        Assert.Null(SearchSlices.For(new SearchKeySpan("a-job-g0000-i00", Id(5)), 50_000, 1_000));
    }
}
