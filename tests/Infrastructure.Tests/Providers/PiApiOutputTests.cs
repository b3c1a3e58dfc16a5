using System.Text.Json;
using GenImageFactory.Infrastructure.Providers;

namespace GenImageFactory.Infrastructure.Tests.Providers;

/// <summary>PiAPI returns images in one of three fields depending on the task and its age.</summary>
public class PiApiOutputTests
{
    private static IReadOnlyList<string> UrlsOf(string outputJson) =>
        JsonSerializer.Deserialize<PiApiEnvelope>($$$"""{"code":200,"data":{"task_id":"t","status":"COMPLETED","output":{{{outputJson}}}}}""")!
            .Data!.Output!.ImageUrlsInPreferenceOrder();

    [Fact]
    public void TemporaryImageUrls_ArePreferred() =>
        Assert.Equal(["t1", "t2"], UrlsOf("""{"temporary_image_urls":["t1","t2"],"image_urls":["u1"],"image_url":"grid"}"""));

    [Fact]
    public void ImageUrls_AreUsedWithoutTemporaryOnes() =>
        Assert.Equal(["u1", "u2"], UrlsOf("""{"temporary_image_urls":[],"image_urls":["u1","","u2"],"image_url":"grid"}"""));

    [Fact]
    public void ImageUrl_IsTheLastResort() =>
        Assert.Equal(["grid"], UrlsOf("""{"temporary_image_urls":null,"image_url":"grid"}"""));

    [Fact]
    public void NoUrls_IsEmpty() => Assert.Empty(UrlsOf("{}"));
}
