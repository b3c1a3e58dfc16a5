using System.Text.Json;
using System.Text.Json.Nodes;
using GenImageFactory.Emulators.Runware;
using GenImageFactory.Server.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using SkiaSharp;

namespace GenImageFactory.Server.Tests;

/// <summary>The same job through each provider, each a real client talking to its emulator over HTTP.</summary>
public class ProvidersTests(FactoryFixture factory) : IClassFixture<FactoryFixture>
{
    private long CallsOf(string provider) => provider switch
    {
        "runware" => factory.Services.GetRequiredService<RunwareEmulator>().Tasks,
        "openai-images" => factory.OpenAiEmulator.ImageCalls,
        _ => factory.Emulator.Submits,
    };

    private static JsonObject JobFor(string provider, string aspectRatio, string keywords = "red barn\nblue lake")
    {
        var configuration = Configurations.Job(2, keywords: keywords, aspectRatios: aspectRatio);
        configuration["parameters"]!["provider"] = provider;
        return configuration;
    }

    [Theory]
    [InlineData("piapi", "16:9", 4, 0.012)]
    [InlineData("runware", "16:9", 4, 0.0104)]
    [InlineData("openai-images", "16:9", 1, 0)]
    [InlineData("runware", "2:3", 4, 0.0104)]
    public async Task AJob_RunsThroughTheProvider_AndStoresItsImagesInTheRightShape(string provider, string aspectRatio, int imagesPerTask, double spend)
    {
        var callsBefore = CallsOf(provider);
        var estimate = await (await factory.Http.PostAsJsonAsync("api/jobs/estimate", new { configuration = JobFor(provider, aspectRatio) })).Content.ReadFromJsonAsync<JsonElement>();

        var jobId = await factory.Client.StartJobAsync(JobFor(provider, aspectRatio));
        var job = await factory.Client.WaitForJobAsync(jobId, TimeSpan.FromMinutes(3));
        var images = await factory.Client.ListImagesAsync(jobId);

        Assert.Equal("completed", job.GetProperty("status").GetString());
        Assert.Equal(2, CallsOf(provider) - callsBefore);
        Assert.Equal(2 * imagesPerTask, images.Count);
        Assert.Equal(2 * imagesPerTask, estimate.GetProperty("expectedImages").GetInt32());
        Assert.Equal(imagesPerTask * 2, job.GetProperty("approvedImages").GetInt32());
        // PiAPI reports credits (meta.usage), Runware a cost per image (includeCost); OpenAI Images reports none.
        Assert.Equal((decimal)spend, job.GetProperty("spend").GetDecimal());
        var ratio = Domain.Configuration.AspectRatio.Parse(aspectRatio).Value;
        foreach (var image in images)
        {
            var bytes = await factory.Http.GetByteArrayAsync($"api/images/{image.GetProperty("id").GetString()}/content");
            using var bitmap = SKBitmap.Decode(bytes);
            // OpenAI's sizes are 7:4, 1:1 and 4:7: near the asked ratio, not exactly it.
            Assert.InRange((double)bitmap.Width / bitmap.Height, ratio * 0.9, ratio * 1.1);
            Assert.Equal(JsonValueKind.Object, image.GetProperty("metadata").ValueKind);
        }
    }

    [Theory]
    [InlineData("runware", "Runware refused the task (400): The prompt was rejected by the content filter.")]
    [InlineData("openai-images", "OpenAI refused the image (400)")]
    public async Task ARefusedPrompt_FailsItsGeneration_WithTheProvidersReason(string provider, string reason)
    {
        var jobId = await factory.Client.StartJobAsync(JobFor(provider, "1:1", keywords: "red barn\nemulator:fail"));
        var job = await factory.Client.WaitForJobAsync(jobId, TimeSpan.FromMinutes(3));

        Assert.Equal(1, job.GetProperty("failedGenerations").GetInt32());
        Assert.Contains(reason, Assert.Single(job.GetProperty("generationFailures").EnumerateArray()).GetProperty("reason").GetString());
    }
}
