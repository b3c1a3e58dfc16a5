using GenImageFactory.Local;
using GenImageFactory.Server.Tests.Support;

namespace GenImageFactory.Server.Tests;

/// <summary>
/// A synchronous provider (OpenAI Images: the answer is the image) is paid once per generation even when the Server
/// dies after the answer and before the images are stored: the step that runs again downloads the answered images
/// instead of asking for new ones.
/// </summary>
[LongRunning(50)]
public class SynchronousProviderCrashTests
{
    private const string OpenAiKey = "sk-sync-crash-key-0001";

    [Fact]
    public async Task ServerKilledWhileDownloadingTheAnswer_Restarted_PaysForTheGenerationOnce()
    {
        await using var azurite = await AzuriteProcess.StartAsync();
        // The first download of each image is held: the Server is killed in the middle of it.
        await using var emulators = await ProviderEmulatorsHost.StartAsync("pk-sync-crash", OpenAiKey,
            settings: new Dictionary<string, string?> { ["Emulators:OpenAi:FirstFileDelayMs"] = "30000" });
        await using var server = await ServerProcess.StartAsync(new Dictionary<string, string?>
        {
            ["ConnectionStrings__Storage"] = azurite.ConnectionString,
            ["Durable__TaskHub"] = "SyncCrash" + Guid.NewGuid().ToString("N")[..12],
            // The restart is the same worker, so it takes its partitions back at once.
            ["Durable__WorkerId"] = "sync-crash",
            ["OPENAI_API_KEY"] = OpenAiKey,
            ["Providers__OpenAI__Endpoint"] = emulators.OpenAiEndpoint,
            ["Providers__OpenAIImages__BaseUrl"] = $"{emulators.OpenAiEndpoint}/",
            ["Providers__OpenAIImages__AllowedImageHosts__0"] = "http://127.0.0.1",
            ["Serilog__MinimumLevel__Default"] = "Warning",
        });
        var client = new FactoryClient(new HttpClient { BaseAddress = server.BaseUrl });
        var job = Configurations.ProviderOnlyJob(1, "lighthouse");
        job["parameters"]!["provider"] = "openai-images";

        var jobId = await client.StartJobAsync(job);
        await Eventually.TrueAsync(() => Task.FromResult(emulators.OpenAi.FileDownloads > 0), TimeSpan.FromMinutes(2),
            "the Server began downloading the provider's answer");
        Assert.Equal(1, emulators.OpenAi.ImageCalls);
        await server.CrashAsync();
        await server.RestartAsync();
        var finished = await client.WaitForJobAsync(jobId, TimeSpan.FromMinutes(4));

        Assert.Equal("completed", finished.GetProperty("status").GetString());
        Assert.Equal(1, finished.GetProperty("totalImages").GetInt32());
        // The step that ran again fetched the answered image a second time instead of generating (and paying for) another.
        Assert.Equal(1, emulators.OpenAi.ImageCalls);
        Assert.Equal(2, emulators.OpenAi.FileDownloads);
    }
}
