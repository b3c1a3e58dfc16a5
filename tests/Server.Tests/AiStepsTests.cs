using System.Text.Json;
using GenImageFactory.Domain.Images;
using GenImageFactory.Emulators.PiApi;
using GenImageFactory.Server.Tests.Support;

namespace GenImageFactory.Server.Tests;

/// <summary>Prompt writing, quality check and metadata in real jobs: the SDK talks real HTTP to the emulator.</summary>
public class AiStepsTests(FactoryFixture factory) : IClassFixture<FactoryFixture>
{
    /// <summary>
    /// Prompts at the limits a configuration allows: a 20,000-character template the prompt model rewrites (its answer
    /// is longer still), and a template filled with a keyword row far longer than a prompt may be. Every generation
    /// stores its images under a prompt that fits, and the log says what was cut.
    /// </summary>
    [Fact]
    public async Task PromptsAtTheConfigurationsLimits_AreKeptWithinTheirLength_AndTheJobCompletes()
    {
        var template = factory.Client.StartJobAsync(PromptJob(new string('x', 19_990) + " {keyword}", "calm sea"));
        var longKeyword = factory.Client.StartJobAsync(PromptJob("{keyword}", new string('k', 50_000)));
        var jobIds = await Task.WhenAll(template, longKeyword);

        foreach (var jobId in jobIds)
        {
            var job = await factory.Client.WaitForJobAsync(jobId, TimeSpan.FromMinutes(3));
            Assert.True(job.GetProperty("status").GetString() == "completed", job.GetProperty("errorMessage").ToString());
            Assert.Equal(4, job.GetProperty("totalImages").GetInt32());
            Assert.All(await factory.Client.ListImagesAsync(jobId), i => Assert.InRange(i.GetProperty("prompt").GetString()!.Length, 1, 20_000));
        }
        var log = await factory.Client.Http.GetStringAsync($"api/jobs/{jobIds[1]}/logs?format=text");
        Assert.Contains("it was cut to 20,000", log);
    }

    private static System.Text.Json.Nodes.JsonObject PromptJob(string systemPrompt, string keyword)
    {
        var job = Configurations.Job(1, keywords: keyword, aspectRatios: "1:1");
        job["systemPrompt"] = systemPrompt;
        return job;
    }

    [Fact]
    public async Task Job_WithBlankImages_FailsThoseWithTheEmulatorsReason_AndApprovesTheRestWithMetadata()
    {
        var jobId = await factory.Client.StartJobAsync(Configurations.Job(2, keywords: $"sunlit vineyard\n{PiApiEmulatorOptions.BlankMarker}", aspectRatios: "16:9"));

        var job = await factory.Client.WaitForJobAsync(jobId, TimeSpan.FromMinutes(3));
        var images = await factory.Client.ListImagesAsync(jobId);

        Assert.Equal("completed", job.GetProperty("status").GetString());
        Assert.Equal((4, 4), (job.GetProperty("approvedImages").GetInt32(), job.GetProperty("failedImages").GetInt32()));
        foreach (var image in images.Where(i => i.GetProperty("generationIndex").GetInt32() == 1))
        {
            Assert.Equal("qc_failed", image.GetProperty("qcStatus").GetString());
            Assert.Contains("blank", image.GetProperty("qcReason").GetString(), StringComparison.OrdinalIgnoreCase);
            Assert.Equal(JsonValueKind.Null, image.GetProperty("metadata").ValueKind);
        }
        foreach (var image in images.Where(i => i.GetProperty("generationIndex").GetInt32() == 0))
        {
            Assert.Equal("approved", image.GetProperty("qcStatus").GetString());
            var metadata = image.GetProperty("metadata");
            var tags = metadata.GetProperty("tags").EnumerateArray().Select(t => t.GetString()!).ToList();
            Assert.True(MetadataRules.IsValid(metadata.GetProperty("title").GetString()!, metadata.GetProperty("description").GetString()!, tags), metadata.ToString());
            // The prompt model rewrote the filled template (and kept it).
            Assert.StartsWith("stock photo of sunlit vineyard", image.GetProperty("prompt").GetString());
            Assert.NotEqual("stock photo of sunlit vineyard", image.GetProperty("prompt").GetString());
        }
        var failed = await factory.Client.Http.GetFromJsonAsync<JsonElement>($"api/jobs/{jobId}/images?qcStatus=qc_failed");
        Assert.Equal(4, failed.GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task Job_WithQualityCheckAndMetadataOff_MakesNoSuchCalls_AndAutoApproves()
    {
        var configuration = Configurations.Job(2, aspectRatios: "1:1");
        configuration["ai"] = new System.Text.Json.Nodes.JsonObject { ["runQualityCheck"] = false, ["runMetadataGen"] = false, ["runPromptWriter"] = false };
        var openAi = factory.OpenAiEmulator;
        var (qcBefore, metadataBefore, promptsBefore) = (openAi.QualityCheckCalls, openAi.MetadataCalls, openAi.PromptCalls);

        var jobId = await factory.Client.StartJobAsync(configuration);
        var job = await factory.Client.WaitForJobAsync(jobId, TimeSpan.FromMinutes(3));
        var images = await factory.Client.ListImagesAsync(jobId);

        Assert.Equal((8, 0), (job.GetProperty("approvedImages").GetInt32(), job.GetProperty("failedImages").GetInt32()));
        Assert.All(images, i => Assert.Equal("Auto-approved (quality check disabled)", i.GetProperty("qcReason").GetString()));
        Assert.All(images, i => Assert.Equal(JsonValueKind.Null, i.GetProperty("metadata").ValueKind));
        Assert.All(images, i => Assert.Equal("stock photo of " + (i.GetProperty("generationIndex").GetInt32() == 0 ? "red barn" : "blue lake"), i.GetProperty("prompt").GetString()));
        Assert.Equal((qcBefore, metadataBefore, promptsBefore), (openAi.QualityCheckCalls, openAi.MetadataCalls, openAi.PromptCalls));
    }

    [Fact]
    public async Task Job_WithOnlyMetadata_DescribesEveryImageWithoutChecking()
    {
        var configuration = Configurations.Job(1, aspectRatios: "1:1");
        configuration["ai"] = new System.Text.Json.Nodes.JsonObject { ["runQualityCheck"] = false, ["runMetadataGen"] = true };
        var qcBefore = factory.OpenAiEmulator.QualityCheckCalls;

        var jobId = await factory.Client.StartJobAsync(configuration);
        await factory.Client.WaitForJobAsync(jobId, TimeSpan.FromMinutes(3));
        var images = await factory.Client.ListImagesAsync(jobId);

        Assert.Equal(4, images.Count);
        Assert.All(images, i => Assert.Equal(JsonValueKind.Object, i.GetProperty("metadata").ValueKind));
        Assert.Equal(qcBefore, factory.OpenAiEmulator.QualityCheckCalls);
    }
}

public sealed class QuotaExhaustedFixture : FactoryFixture
{
    protected override void Configure(IDictionary<string, string?> settings) => settings["Emulators:OpenAi:QuotaExhaustedRate"] = "1";
}

public class QuotaExhaustedTests(QuotaExhaustedFixture factory) : IClassFixture<QuotaExhaustedFixture>
{
    [Fact]
    public async Task Job_WhenTheModelQuotaIsExhausted_FailsFastSayingSo()
    {
        var jobId = await factory.Client.StartJobAsync(Configurations.Job(30, aspectRatios: "1:1"));

        var job = await factory.Client.WaitForJobAsync(jobId, TimeSpan.FromMinutes(3));

        Assert.Equal("failed", job.GetProperty("status").GetString());
        Assert.Contains("quota is exhausted", job.GetProperty("errorMessage").GetString());
        // One prompt call per generation that had started (no retries), and nothing new started after.
        Assert.InRange(factory.OpenAiEmulator.PromptCalls, 1, 10);
        Assert.Equal(0, factory.Emulator.Submits);
    }
}

public sealed class MalformedModelOutputFixture : FactoryFixture
{
    protected override void Configure(IDictionary<string, string?> settings) => settings["Emulators:OpenAi:MalformedJsonRate"] = "1";
}

public class MalformedModelOutputTests(MalformedModelOutputFixture factory) : IClassFixture<MalformedModelOutputFixture>
{
    [Fact]
    public async Task Job_WhenTheModelAnswersGarbage_UsesTheTemplate_AndNeverApprovesByAccident()
    {
        var jobId = await factory.Client.StartJobAsync(Configurations.Job(1, aspectRatios: "1:1"));

        var job = await factory.Client.WaitForJobAsync(jobId, TimeSpan.FromMinutes(3));
        var images = await factory.Client.ListImagesAsync(jobId);
        var log = await factory.Client.Http.GetStringAsync($"api/jobs/{jobId}/logs?format=text");

        Assert.Equal("completed", job.GetProperty("status").GetString());
        Assert.Equal((0, 4), (job.GetProperty("approvedImages").GetInt32(), job.GetProperty("failedImages").GetInt32()));
        Assert.All(images, i => Assert.Equal("stock photo of red barn", i.GetProperty("prompt").GetString()));
        Assert.All(images, i => Assert.StartsWith("quality check unavailable:", i.GetProperty("qcReason").GetString()));
        Assert.Contains("prompt writing failed", log);
        Assert.Contains("using the filled template", log);
    }
}

public sealed class RateLimitedModelFixture : FactoryFixture
{
    protected override void Configure(IDictionary<string, string?> settings)
    {
        // A quarter of the calls are rate limited; with 8 retries a call fails only after 9 in a row (p < 1e-5).
        settings["Emulators:OpenAi:RateLimitRate"] = "0.25";
        settings["Emulators:OpenAi:RetryAfterSeconds"] = "1";
        settings["Providers:OpenAI:MaxRetries"] = "8";
    }
}

public class RateLimitedModelTests(RateLimitedModelFixture factory) : IClassFixture<RateLimitedModelFixture>
{
    [Fact]
    public async Task Job_WhenTheModelRateLimits_WaitsAndCarriesOn()
    {
        var jobId = await factory.Client.StartJobAsync(Configurations.Job(3, aspectRatios: "1:1"));

        var job = await factory.Client.WaitForJobAsync(jobId, TimeSpan.FromMinutes(4));
        var images = await factory.Client.ListImagesAsync(jobId);

        Assert.Equal("completed", job.GetProperty("status").GetString());
        Assert.Equal(12, images.Count);
        // 429s were answered, and retried until the calls went through: every image got a real verdict.
        Assert.True(factory.OpenAiEmulator.TotalCalls > 3 + 12 + 12, $"expected retried calls, saw {factory.OpenAiEmulator.TotalCalls}");
        Assert.DoesNotContain(images, i => i.GetProperty("qcReason").GetString()!.StartsWith("quality check unavailable", StringComparison.Ordinal));
    }
}
