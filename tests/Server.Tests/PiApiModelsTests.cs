using System.Text.Json;
using System.Text.Json.Nodes;
using GenImageFactory.Server.Tests.Support;
using SkiaSharp;

namespace GenImageFactory.Server.Tests;

/// <summary>One PiAPI task at a time, so a spend limit and an account refusal are met at a known generation.</summary>
public sealed class SerialPiApiFixture : FactoryFixture
{
    protected override void Configure(IDictionary<string, string?> settings)
    {
        settings["Providers:PiApi:MaxConcurrency"] = "1";
        settings["Emulators:LatencyMs"] = "200";
    }
}

/// <summary>Each PiAPI model end to end (real client, emulator, engine and Azurite), the spend they report, and its limit.</summary>
public class PiApiModelsTests(SerialPiApiFixture factory) : IClassFixture<SerialPiApiFixture>
{
    private static readonly TimeSpan JobTimeout = TimeSpan.FromMinutes(3);

    private static JsonObject JobWith(string model, int count, decimal? maxSpend = null, string keywords = "red barn\nblue lake")
    {
        var configuration = Configurations.Job(count, keywords: keywords, aspectRatios: "16:9,9:16");
        configuration["parameters"]!["model"] = model;
        if (maxSpend is { } limit)
        {
            configuration["parameters"]!["maxSpend"] = limit;
        }
        return configuration;
    }

    [Theory]
    [InlineData("", 4, 0.006)]
    [InlineData("Qubico/flux1-schnell", 4, 0.006)]
    [InlineData("Qubico/flux1-dev", 1, 0.015)]
    [InlineData("Qubico/flux1-dev-advanced", 1, 0.02)]
    [InlineData("midjourney", 4, 0)]
    public async Task AJob_OnEachModel_Completes_WithItsImagesAndReportedSpend(string model, int imagesPerTask, double costPerTask)
    {
        var estimate = await (await factory.Http.PostAsJsonAsync("api/jobs/estimate", new { configuration = JobWith(model, 2) })).Content.ReadFromJsonAsync<JsonElement>();

        var jobId = await factory.Client.StartJobAsync(JobWith(model, 2));
        var job = await factory.Client.WaitForJobAsync(jobId, JobTimeout);
        var images = await factory.Client.ListImagesAsync(jobId);

        Assert.Equal("completed", job.GetProperty("status").GetString());
        Assert.Equal(2 * imagesPerTask, images.Count);
        Assert.Equal(2 * imagesPerTask, estimate.GetProperty("expectedImages").GetInt32());
        Assert.Equal(2 * (decimal)costPerTask, job.GetProperty("spend").GetDecimal());
        Assert.Equal(2 * (decimal)costPerTask * 1_000_000, job.GetProperty("providerCredits").GetDecimal());
        // PiAPI lists no Midjourney price: no estimate rather than a wrong one.
        Assert.Equal(costPerTask == 0 ? JsonValueKind.Null : JsonValueKind.Number, job.GetProperty("estimatedCost").ValueKind);
        if (costPerTask > 0)
        {
            Assert.Equal(job.GetProperty("spend").GetDecimal(), job.GetProperty("estimatedCost").GetDecimal());
        }
        foreach (var image in images)
        {
            var ratio = image.GetProperty("generationIndex").GetInt32() % 2 == 0 ? 16 / 9.0 : 9 / 16.0;
            Assert.InRange((double)image.GetProperty("width").GetInt32() / image.GetProperty("height").GetInt32(), ratio * 0.98, ratio * 1.02);
        }
        var log = await factory.Http.GetStringAsync($"api/jobs/{jobId}/logs?format=text");
        Assert.Contains(costPerTask > 0 ? $"cost {costPerTask * 1_000_000:0} credits" : "cost 0 credits", log);
    }

    [Fact]
    public async Task AMidjourneyAnswer_WithItsGridAlone_IsCutIntoItsFourImages()
    {
        factory.Emulator.Options.MidjourneyGridOnly = true;
        try
        {
            var jobId = await factory.Client.StartJobAsync(JobWith("midjourney", 2));
            var job = await factory.Client.WaitForJobAsync(jobId, JobTimeout);
            var images = await factory.Client.ListImagesAsync(jobId);

            Assert.Equal("completed", job.GetProperty("status").GetString());
            Assert.Equal(8, images.Count);
            foreach (var generation in images.GroupBy(i => i.GetProperty("generationIndex").GetInt32()))
            {
                var cells = new List<byte[]>();
                foreach (var image in generation)
                {
                    using var content = await factory.Http.GetAsync(image.GetProperty("contentUrl").GetString());
                    using var bitmap = SKBitmap.Decode(await content.Content.ReadAsByteArrayAsync());
                    // Each cell is an image of the generation's ratio, as the split answer's images are.
                    var ratio = generation.Key % 2 == 0 ? 16 / 9.0 : 9 / 16.0;
                    Assert.InRange((double)bitmap.Width / bitmap.Height, ratio * 0.98, ratio * 1.02);
                    Assert.Equal((bitmap.Width, bitmap.Height), (image.GetProperty("width").GetInt32(), image.GetProperty("height").GetInt32()));
                    cells.Add(bitmap.Bytes);
                }
                Assert.Equal(4, cells.Count);
                Assert.Equal(4, cells.Select(Convert.ToBase64String).Distinct().Count());
            }
        }
        finally
        {
            factory.Emulator.Options.MidjourneyGridOnly = false;
        }
    }

    [Fact]
    public async Task AJob_WithMaxSpend_StopsStartingTasksOnceReached_AndSaysSo()
    {
        var submitsBefore = factory.Emulator.Submits;

        var jobId = await factory.Client.StartJobAsync(JobWith("Qubico/flux1-dev", 6, maxSpend: 0.03m));
        var job = await factory.Client.WaitForJobAsync(jobId, JobTimeout);

        // One task at a time at $0.015: after the second the spend is $0.03, so the third never starts.
        Assert.Equal(2, factory.Emulator.Submits - submitsBefore);
        Assert.Equal("completed", job.GetProperty("status").GetString());
        Assert.Equal(2, job.GetProperty("totalImages").GetInt32());
        Assert.Equal(0.03m, job.GetProperty("spend").GetDecimal());
        Assert.Equal(100, job.GetProperty("progress").GetInt32());
        Assert.Equal("Spend limit reached: the provider reported $0.03 against maxSpend $0.03; 4 generation(s) not started.", job.GetProperty("errorMessage").GetString());
    }

    [Fact]
    public async Task AJob_OnAnAccountWithoutCredits_FailsAtOnce_WithTheProvidersReason()
    {
        var submitsBefore = factory.Emulator.Submits;
        factory.Emulator.Options.OutOfCredits = true;
        try
        {
            var configuration = JobWith("", 5);
            configuration["parameters"]!["generationRetryAttempts"] = 2;
            var jobId = await factory.Client.StartJobAsync(configuration);
            var job = await factory.Client.WaitForJobAsync(jobId, JobTimeout);

            Assert.Equal("failed", job.GetProperty("status").GetString());
            Assert.Contains("insufficient credits", job.GetProperty("errorMessage").GetString());
            // The first refusal stops the job: no other generation is submitted, and the refused one is not retried.
            Assert.Equal(1, factory.Emulator.Submits - submitsBefore);
            Assert.Equal(0, job.GetProperty("totalImages").GetInt32());
        }
        finally
        {
            factory.Emulator.Options.OutOfCredits = false;
        }
    }
}
