using GenImageFactory.Domain.Jobs;

namespace GenImageFactory.Domain.Tests.Jobs;

public class IdTests
{
    [Fact]
    public void JobId_New_SortsNewestFirst_AndIsUnique()
    {
        var start = new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);
        var ids = Enumerable.Range(0, 100).Select(i => JobId.New(start.AddSeconds(i))).ToList();

        Assert.Equal(ids.AsEnumerable().Reverse(), ids.Order(StringComparer.Ordinal));
        Assert.Equal(100, ids.Distinct().Count());
        Assert.NotEqual(JobId.New(start), JobId.New(start));
        Assert.All(ids, id => Assert.True(JobId.IsValid(id)));
    }

    [Theory]
    [InlineData("")]
    [InlineData(null)]
    [InlineData("../etc")]
    [InlineData("a/b")]
    [InlineData("UPPER")]
    [InlineData("-leading")]
    public void JobId_IsValid_RejectsAnythingThatIsNotAnId(string? id) => Assert.False(JobId.IsValid(id));

    [Fact]
    public void ImageMappingId_IsDeterministic_AndRoundTrips()
    {
        var id = ImageMappingId.For("2516-abc", 7, 3);

        Assert.Equal("2516-abc-g0007-i03", id);
        Assert.Equal(id, ImageMappingId.For("2516-abc", 7, 3));
        Assert.True(ImageMappingId.TryParse(id, out var job, out var generation, out var image));
        Assert.Equal(("2516-abc", 7, 3), (job, generation, image));
    }

    [Fact]
    public void ImageMappingId_IsUniqueAcrossJobsGenerationsAndImages()
    {
        var ids = from job in new[] { "j1", "j2", "j1-g0001" }
                  from generation in Enumerable.Range(0, 2500)
                  from image in Enumerable.Range(0, 4)
                  select ImageMappingId.For(job, generation, image);

        var list = ids.ToList();
        Assert.Equal(list.Count, list.Distinct().Count());
    }

    [Theory]
    [InlineData("j1-g0001-i0")]
    [InlineData("j1-g1-i00")]
    [InlineData("../../x-g0001-i00")]
    [InlineData("j1-g0001-i00/../../secret")]
    [InlineData("j1")]
    public void ImageMappingId_TryParse_RejectsMalformedIds(string id) =>
        Assert.False(ImageMappingId.TryParse(id, out _, out _, out _));
}
