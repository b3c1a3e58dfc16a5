using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using GenImageFactory.Emulators.RemoveBg;
using GenImageFactory.Server.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using SkiaSharp;

namespace GenImageFactory.Server.Tests;

/// <summary>Its own server: these tests turn the emulators' knobs while they run.</summary>
public sealed class PostProcessingFixture : FactoryFixture;

/// <summary>Post-processing in a real job: approved images are processed from the original, which stays.</summary>
public class PostProcessingTests(PostProcessingFixture factory) : IClassFixture<PostProcessingFixture>
{
    private RemoveBgEmulator RemoveBg => factory.Services.GetRequiredService<RemoveBgEmulator>();

    private static JsonObject JobWith(JsonObject processing)
    {
        var configuration = Configurations.Job(1, aspectRatios: "1:1");
        configuration["processing"] = processing;
        return configuration;
    }

    private async Task<(SKEncodedImageFormat Format, int Width, int Height)> ContentOfAsync(string imageId)
    {
        using var response = await factory.Http.GetAsync($"api/images/{imageId}/content");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var codec = SKCodec.Create(SKData.CreateCopy(await response.Content.ReadAsByteArrayAsync()));
        return (codec.EncodedFormat, codec.Info.Width, codec.Info.Height);
    }

    private async Task<bool> BlobExistsAsync(string name) =>
        (await factory.Blobs.GetBlobContainerClient("images").GetBlobClient(name).ExistsAsync()).Value;

    [Fact]
    public async Task ApprovedImages_AreProcessedIntoTheFinalFormat_AndTheOriginalsStay()
    {
        var before = RemoveBg.Requests;
        var jobId = await factory.Client.StartJobAsync(JobWith(new JsonObject
        {
            ["removeBg"] = true,
            ["trimTransparentBackground"] = true,
            ["imageConvert"] = true,
            ["convertTo"] = "jpg",
            ["jpgBackground"] = "white",
        }));
        var job = await factory.Client.WaitForJobAsync(jobId, TimeSpan.FromMinutes(3));
        var images = await factory.Client.ListImagesAsync(jobId);

        Assert.Equal(4, job.GetProperty("approvedImages").GetInt32());
        Assert.Equal(4, RemoveBg.Requests - before);
        foreach (var image in images)
        {
            var id = image.GetProperty("id").GetString()!;
            var (format, width, height) = await ContentOfAsync(id);
            Assert.Equal("image/jpeg", image.GetProperty("contentType").GetString());
            Assert.Equal(SKEncodedImageFormat.Jpeg, format);
            Assert.Equal((image.GetProperty("width").GetInt32(), image.GetProperty("height").GetInt32()), (width, height));
            Assert.True(await BlobExistsAsync($"{jobId}/{id}.original.png"), "the original stays");
            Assert.True(await BlobExistsAsync($"{jobId}/{id}.jpg"), "the processed image is the final blob");
        }
    }

    [Fact]
    public async Task WhenBackgroundRemovalFails_TheJobCompletes_WithTheOriginals_AndTheLogSaysWhy()
    {
        RemoveBg.Options.OutOfCredits = true;
        try
        {
            var jobId = await factory.Client.StartJobAsync(JobWith(new JsonObject { ["removeBg"] = true }));
            var job = await factory.Client.WaitForJobAsync(jobId, TimeSpan.FromMinutes(3));
            var images = await factory.Client.ListImagesAsync(jobId);
            var log = await factory.Http.GetStringAsync($"api/jobs/{jobId}/logs?format=text");

            Assert.Equal("completed", job.GetProperty("status").GetString());
            Assert.All(images, i => Assert.Equal("image/png", i.GetProperty("contentType").GetString()));
            Assert.Contains("post-processing: background removal failed, kept the original: remove.bg answered 402: Insufficient credits", log);
        }
        finally
        {
            RemoveBg.Options.OutOfCredits = false;
        }
    }

    [Fact]
    public async Task Retry_WithModifiedSettings_ReprocessesFromTheOriginal()
    {
        factory.OpenAiEmulator.Options.MalformedJsonRate = 1;
        var jobId = await factory.Client.StartJobAsync(JobWith(new JsonObject { ["imageConvert"] = true, ["convertTo"] = "jpg" }));
        await factory.Client.WaitForJobAsync(jobId, TimeSpan.FromMinutes(3));
        factory.OpenAiEmulator.Options.MalformedJsonRate = 0;
        var id = $"{jobId}-g0000-i00";
        Assert.Equal("image/png", (await factory.Http.GetFromJsonAsync<JsonElement>($"api/images/{id}")).GetProperty("contentType").GetString());

        using var response = await factory.Http.PostAsJsonAsync("api/images/retry", new { ids = new[] { id }, settings = new { imageConvert = true, convertTo = "webp" } });
        var statusUrl = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("statusUrl").GetString()!;
        await Eventually.TrueAsync(async () => (await factory.Http.GetFromJsonAsync<JsonElement>(statusUrl)).GetProperty("status").GetString() == "completed",
            TimeSpan.FromMinutes(2), "the retry never completed");
        var image = await factory.Http.GetFromJsonAsync<JsonElement>($"api/images/{id}");

        Assert.Equal("approved", image.GetProperty("qcStatus").GetString());
        Assert.Equal("image/webp", image.GetProperty("contentType").GetString());
        Assert.Equal(SKEncodedImageFormat.Webp, (await ContentOfAsync(id)).Format);
        Assert.True(await BlobExistsAsync($"{jobId}/{id}.original.png"));
        Assert.True(await BlobExistsAsync($"{jobId}/{id}.webp"));
    }
}
