using System.Diagnostics;
using GenImageFactory.Domain.Configuration;
using GenImageFactory.Domain.Images;
using GenImageFactory.Emulators.Imaging;
using GenImageFactory.Pipeline.Models;
using GenImageFactory.Pipeline.Ports;

namespace GenImageFactory.Infrastructure.Tests.OpenAi;

/// <summary>Our adapters on the official OpenAI SDK against the emulator over real HTTP.</summary>
public class OpenAiReviewersTests
{
    private const string Model = "gpt-4o";

    private static ImageUnderReview Image(string ratio = "16:9", string requested = "16:9", string prompt = "a lighthouse at dusk, no text, no logos", bool blank = false) =>
        new(PlaceholderImageRenderer.RenderPng(AspectRatio.Parse(ratio), 256, seed: 42, blank), "image/png", prompt, requested);

    [Fact]
    public async Task Check_ClearImageOfTheRequestedRatio_Passes()
    {
        await using var host = await OpenAiEmulatorHost.StartAsync();

        var verdict = await host.Reviewers.CheckAsync(Image(), Model, null, CancellationToken.None);

        Assert.True(verdict.Passed, verdict.Reason);
        Assert.Equal(1, host.Emulator.QualityCheckCalls);
    }

    /// <summary>A model slower than the request timeout: the SDK gives up (a cancellation nobody asked for), and the pipeline hears "unavailable", which each step has a fallback for.</summary>
    [Fact]
    public async Task Check_AModelSlowerThanTheTimeout_IsUnavailable_NotACrash()
    {
        await using var host = await OpenAiEmulatorHost.StartAsync(requestTimeoutSeconds: 1);
        host.Emulator.Options.ResponseDelayMs = 5_000;

        var error = await Assert.ThrowsAsync<AiUnavailableException>(() => host.Reviewers.CheckAsync(Image(), Model, null, CancellationToken.None));

        Assert.Contains("OpenAI gave no answer", error.Message);
    }

    [Fact]
    public async Task Check_BlankImage_FailsWithAReason()
    {
        await using var host = await OpenAiEmulatorHost.StartAsync();

        var verdict = await host.Reviewers.CheckAsync(Image(blank: true), Model, null, CancellationToken.None);

        Assert.False(verdict.Passed);
        Assert.Contains("blank", verdict.Reason, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Check_ImageOffTheRequestedRatio_Fails()
    {
        await using var host = await OpenAiEmulatorHost.StartAsync();

        var verdict = await host.Reviewers.CheckAsync(Image(ratio: "1:1", requested: "16:9"), Model, null, CancellationToken.None);

        Assert.False(verdict.Passed);
        Assert.Contains("16:9", verdict.Reason);
    }

    [Fact]
    public async Task Check_PromptAskingForALogo_Fails()
    {
        await using var host = await OpenAiEmulatorHost.StartAsync();

        var verdict = await host.Reviewers.CheckAsync(Image(prompt: "a coffee cup with the shop logo"), Model, null, CancellationToken.None);

        Assert.False(verdict.Passed);
        Assert.Contains("logo", verdict.Reason, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Metadata_HasTheShapeStockSitesNeed()
    {
        await using var host = await OpenAiEmulatorHost.StartAsync();

        var metadata = await host.Reviewers.WriteAsync(Image(), Model, null, CancellationToken.None);

        Assert.True(MetadataRules.IsValid(metadata.Title, metadata.Description, metadata.Tags), $"{metadata.Title} | {metadata.Description} | {string.Join(",", metadata.Tags)}");
        Assert.Equal(1, host.Emulator.MetadataCalls);
    }

    [Fact]
    public async Task WritePrompt_ReturnsTheModelsPromptBuiltOnTheDraft()
    {
        await using var host = await OpenAiEmulatorHost.StartAsync();

        var prompt = await host.Reviewers.WriteAsync("a red barn in snow", Model, CancellationToken.None);

        Assert.StartsWith("a red barn in snow", prompt);
        Assert.NotEqual("a red barn in snow", prompt);
        Assert.Equal(1, host.Emulator.PromptCalls);
    }

    [Fact]
    public async Task RateLimited_IsRetriedAfterTheGivenDelay_ThenReported()
    {
        await using var host = await OpenAiEmulatorHost.StartAsync(s => { s["Emulators:OpenAi:RateLimitRate"] = "1"; s["Emulators:OpenAi:RetryAfterSeconds"] = "1"; });
        var clock = Stopwatch.StartNew();

        var error = await Assert.ThrowsAsync<AiUnavailableException>(() => host.Reviewers.WriteAsync("a barn", Model, CancellationToken.None));

        Assert.Contains("429", error.Message);
        Assert.Equal(4, host.Emulator.PromptCalls);
        Assert.True(clock.Elapsed >= TimeSpan.FromSeconds(2.9), $"three 1 s Retry-After waits took only {clock.Elapsed}");
    }

    [Fact]
    public async Task QuotaExhausted_FailsFastWithoutRetrying()
    {
        await using var host = await OpenAiEmulatorHost.StartAsync(s => s["Emulators:OpenAi:QuotaExhaustedRate"] = "1");

        var error = await Assert.ThrowsAsync<AiAccountRefusedException>(() => host.Reviewers.CheckAsync(Image(), Model, null, CancellationToken.None));

        Assert.Contains("quota is exhausted", error.Message);
        Assert.Equal(1, host.Emulator.QualityCheckCalls);
    }

    [Fact]
    public async Task MalformedOutput_IsAskedAgain_ThenReportedUnavailable()
    {
        await using var host = await OpenAiEmulatorHost.StartAsync(s => s["Emulators:OpenAi:MalformedJsonRate"] = "1");

        var error = await Assert.ThrowsAsync<AiUnavailableException>(() => host.Reviewers.CheckAsync(Image(), Model, null, CancellationToken.None));

        Assert.Contains("unusable", error.Message);
        Assert.Equal(3, host.Emulator.QualityCheckCalls);
    }

    [Fact]
    public async Task WrongApiKey_RefusesTheAccount_WithoutRepeatingTheKey_OrRetrying()
    {
        await using var host = await OpenAiEmulatorHost.StartAsync(apiKey: "sk-wrong-key-0123456789");

        var error = await Assert.ThrowsAsync<AiAccountRefusedException>(() => host.Reviewers.WriteAsync("a barn", Model, CancellationToken.None));

        Assert.Contains("OPENAI_API_KEY", error.Message);
        Assert.DoesNotContain("sk-", error.Message);
        Assert.Equal(1, host.Emulator.PromptCalls);
    }

    [Fact]
    public async Task WrongApiKey_RefusesTheImageAccount_WithoutRepeatingTheKey()
    {
        await using var host = await OpenAiEmulatorHost.StartAsync(apiKey: "sk-wrong-key-0123456789");

        var status = await host.Images.SubmitAsync(new ProviderTaskRequest("a barn", "1:1", "relax"), CancellationToken.None);

        Assert.Equal((ProviderTaskState.Failed, true), (status.State, status.Fatal));
        Assert.Contains("OPENAI_API_KEY", status.Error);
        Assert.DoesNotContain("sk-", status.Error);
    }
}
