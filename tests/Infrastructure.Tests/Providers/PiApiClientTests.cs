using System.Diagnostics;
using GenImageFactory.Emulators.PiApi;
using GenImageFactory.Infrastructure.Imaging;
using GenImageFactory.Infrastructure.Providers;
using GenImageFactory.Pipeline.Models;
using GenImageFactory.Pipeline.Ports;

namespace GenImageFactory.Infrastructure.Tests.Providers;

/// <summary>The real PiAPI client against the emulator over real HTTP, one fault knob at a time.</summary>
public class PiApiClientTests
{
    private static readonly ProviderTaskRequest Request = new("a lighthouse at dusk --v 6.1", "16:9", "fast", "midjourney");

    internal static async Task<ProviderTaskStatus> PollUntilSettledAsync(PiApiClient client, string taskId, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var status = await client.PollAsync(taskId, CancellationToken.None);
            if (status.State != ProviderTaskState.Pending || DateTime.UtcNow > deadline)
            {
                return status;
            }
            await Task.Delay(100);
        }
    }

    [Fact]
    public async Task SubmitAndPoll_HealthyEmulator_CompletesWithFourImagesOfTheRequestedRatio()
    {
        await using var host = await PiApiEmulatorHost.StartAsync();

        var submitted = await host.Client.SubmitAsync(Request, CancellationToken.None);
        Assert.Equal(ProviderTaskState.Pending, submitted.State);
        var done = await PollUntilSettledAsync(host.Client, submitted.TaskId!, TimeSpan.FromSeconds(30));

        Assert.Equal(ProviderTaskState.Completed, done.State);
        Assert.Equal(4, done.ImageUrls.Count);
        var bytes = await host.Downloader.DownloadAsync("piapi", done.ImageUrls[0], CancellationToken.None);
        var facts = new SkiaImageInspector().Inspect(bytes);
        Assert.Equal((256, 144, "image/png"), (facts.Width, facts.Height, facts.ContentType));
    }

    [Fact]
    public async Task Submit_WrongApiKey_IsRefusedWithTheProvidersMessage_AndStopsTheJob()
    {
        await using var host = await PiApiEmulatorHost.StartAsync(apiKey: "wrong");

        var status = await host.Client.SubmitAsync(Request, CancellationToken.None);

        Assert.Equal(ProviderTaskState.Failed, status.State);
        Assert.True(status.Fatal);
        Assert.Contains("401", status.Error);
        Assert.Contains("Invalid API key", status.Error);
    }

    [Fact]
    public async Task Poll_FailureRate1_ReportsTheTaskFailedWithTheProvidersReason()
    {
        await using var host = await PiApiEmulatorHost.StartAsync(s => s["Emulators:PiApi:FailureRate"] = "1");

        var submitted = await host.Client.SubmitAsync(Request, CancellationToken.None);
        var done = await PollUntilSettledAsync(host.Client, submitted.TaskId!, TimeSpan.FromSeconds(30));

        Assert.Equal(ProviderTaskState.Failed, done.State);
        Assert.Contains("emulated failure: the image could not be generated", done.Error);
    }

    [Fact]
    public async Task Poll_NeverFinishRate1_StaysPendingLongAfterTheLatency()
    {
        await using var host = await PiApiEmulatorHost.StartAsync(s => s["Emulators:PiApi:NeverFinishRate"] = "1");

        var submitted = await host.Client.SubmitAsync(Request, CancellationToken.None);
        var seen = await PollUntilSettledAsync(host.Client, submitted.TaskId!, TimeSpan.FromSeconds(2));

        Assert.Equal(ProviderTaskState.Pending, seen.State);
        Assert.True(host.Emulator.Polls > 3);
    }

    [Fact]
    public async Task Submit_ServerErrorRate1_RetriesThenThrows()
    {
        await using var host = await PiApiEmulatorHost.StartAsync(s => s["Emulators:PiApi:ServerErrorRate"] = "1");

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => host.Client.SubmitAsync(Request, CancellationToken.None));

        Assert.Contains("500", error.Message);
        Assert.Equal(4, host.Emulator.Submits);
    }

    [Fact]
    public async Task Submit_SomeServerErrors_AreRetriedAway()
    {
        await using var host = await PiApiEmulatorHost.StartAsync(s => { s["Emulators:PiApi:ServerErrorRate"] = "0.5"; s["Emulators:Seed"] = "3"; });

        var statuses = new List<ProviderTaskStatus>();
        for (var i = 0; i < 6; i++)
        {
            statuses.Add(await host.Client.SubmitAsync(Request with { Prompt = $"prompt {i}" }, CancellationToken.None));
        }

        Assert.All(statuses, s => Assert.Equal(ProviderTaskState.Pending, s.State));
        Assert.True(host.Emulator.Submits > 6, $"expected retries, saw {host.Emulator.Submits} submits");
    }

    [Fact]
    public async Task Submit_RateLimited_WaitsForRetryAfterBetweenAttempts()
    {
        await using var host = await PiApiEmulatorHost.StartAsync(s => { s["Emulators:PiApi:RateLimitRate"] = "1"; s["Emulators:PiApi:RetryAfterSeconds"] = "1"; });
        var clock = Stopwatch.StartNew();

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => host.Client.SubmitAsync(Request, CancellationToken.None));

        Assert.Contains("429", error.Message);
        Assert.Equal(4, host.Emulator.Submits);
        Assert.True(clock.Elapsed >= TimeSpan.FromSeconds(2.9), $"three Retry-After waits of 1 s took only {clock.Elapsed}");
    }

    [Fact]
    public async Task Submit_SlowerThanTheAttemptTimeout_TimesOutEachAttemptThenThrows()
    {
        await using var host = await PiApiEmulatorHost.StartAsync(s => s["Emulators:PiApi:ResponseDelayMs"] = "5000", requestTimeoutSeconds: 1);

        var error = await Assert.ThrowsAnyAsync<Exception>(() => host.Client.SubmitAsync(Request, CancellationToken.None));

        Assert.IsType<Polly.Timeout.TimeoutRejectedException>(error);
        Assert.Equal(4, host.Emulator.Submits);
    }

    [Fact]
    public async Task Poll_AnyCaseOfStatus_IsUnderstood()
    {
        await using var host = await PiApiEmulatorHost.StartAsync(s => s["Emulators:LatencyMs"] = "0");

        var submitted = await host.Client.SubmitAsync(Request, CancellationToken.None);
        var done = await host.Client.PollAsync(submitted.TaskId!, CancellationToken.None);

        // The emulator answers "Completed", as PiAPI does for some task types; others say "completed".
        Assert.Equal(ProviderTaskState.Completed, done.State);
    }

    [Fact]
    public async Task Poll_MalformedJson_Throws()
    {
        await using var host = await PiApiEmulatorHost.StartAsync();
        var submitted = await host.Client.SubmitAsync(Request, CancellationToken.None);
        host.Emulator.Options.MalformedJsonRate = 1;

        await Assert.ThrowsAsync<InvalidDataException>(() => host.Client.PollAsync(submitted.TaskId!, CancellationToken.None));
    }

    [Fact]
    public async Task Download_FromAHostNotAllowed_IsRefusedWithoutARequest()
    {
        await using var host = await PiApiEmulatorHost.StartAsync(allowedHost: "img.theapi.app");
        var submitted = await host.Client.SubmitAsync(Request, CancellationToken.None);
        var done = await PollUntilSettledAsync(host.Client, submitted.TaskId!, TimeSpan.FromSeconds(30));

        var error = await Assert.ThrowsAsync<ImageDownloadException>(() => host.Downloader.DownloadAsync("piapi", done.ImageUrls[0], CancellationToken.None));

        Assert.Contains("not allowed", error.Message);
        Assert.Equal(0, host.Emulator.Downloads);
    }

    [Fact]
    public async Task Emulator_SameSeed_SameFatesAndSameImages()
    {
        async Task<(List<ProviderTaskState> Fates, byte[] Image)> RunAsync()
        {
            await using var host = await PiApiEmulatorHost.StartAsync(s => { s["Emulators:PiApi:FailureRate"] = "0.5"; s["Emulators:Seed"] = "11"; s["Emulators:LatencyMs"] = "0"; });
            var fates = new List<ProviderTaskState>();
            string? completedUrl = null;
            for (var i = 0; i < 12; i++)
            {
                var submitted = await host.Client.SubmitAsync(Request with { Prompt = $"prompt {i}" }, CancellationToken.None);
                var done = await PollUntilSettledAsync(host.Client, submitted.TaskId!, TimeSpan.FromSeconds(10));
                fates.Add(done.State);
                completedUrl ??= done.State == ProviderTaskState.Completed ? done.ImageUrls[1] : null;
            }
            return (fates, await host.Downloader.DownloadAsync("piapi", completedUrl!, CancellationToken.None));
        }

        var first = await RunAsync();
        var second = await RunAsync();

        Assert.Equal(first.Fates, second.Fates);
        Assert.Contains(ProviderTaskState.Failed, first.Fates);
        Assert.Contains(ProviderTaskState.Completed, first.Fates);
        Assert.Equal(first.Image, second.Image);
    }
}
