using System.Text.Json.Nodes;
using Azure.Data.Tables;
using GenImageFactory.Local;
using GenImageFactory.Server.Tests.Support;

namespace GenImageFactory.Server.Tests;

/// <summary>
/// A Server killed while its job holds every provider slot leaks none: after a restart the job and a newcomer
/// finish, nothing stays held, and a later job gets the full cap. The provider runs in this test process, so
/// its count of tasks in flight survives the kill.
/// </summary>
public class ProviderCapCrashTests
{
    private const int Cap = 3;
    private const string PiApiKey = "piapi-cap-crash-key";
    private const string OpenAiKey = "sk-cap-crash-key";

    [Fact]
    public async Task ServerKilledHoldingEverySlot_Restarted_ALaterJobStillGetsTheFullCap()
    {
        await using var azurite = await AzuriteProcess.StartAsync();
        await using var emulators = await ProviderEmulatorsHost.StartAsync(PiApiKey, OpenAiKey, latencyMs: 3000);
        var tables = new TableServiceClient(azurite.ConnectionString);
        await using var server = await ServerProcess.StartAsync(Settings(azurite, emulators));
        var client = new FactoryClient(new HttpClient { BaseAddress = server.BaseUrl });

        var killed = await client.StartJobAsync(Job(12, "red barn"));
        await Eventually.TrueAsync(async () => (await SlotRows.HeldAsync(tables, "piapi")).Count == Cap && emulators.PiApi.TasksInFlight == Cap,
            TimeSpan.FromMinutes(2), "the job held every slot with its tasks at the provider");
        await server.CrashAsync();
        await server.RestartAsync();

        var newcomer = await client.StartJobAsync(Job(6, "blue lake"));
        Assert.Equal("completed", (await client.WaitForJobAsync(killed, TimeSpan.FromMinutes(8))).GetProperty("status").GetString());
        Assert.Equal("completed", (await client.WaitForJobAsync(newcomer, TimeSpan.FromMinutes(4))).GetProperty("status").GetString());
        Assert.Empty(await SlotRows.HeldAsync(tables, "piapi"));

        await Eventually.TrueAsync(() => Task.FromResult(emulators.PiApi.TasksInFlight == 0), TimeSpan.FromSeconds(30), "no task in flight");
        emulators.PiApi.ResetPeakTasksInFlight();
        var later = await client.StartJobAsync(Job(6, "green hill"));
        var laterJob = await client.WaitForJobAsync(later, TimeSpan.FromMinutes(4));

        Assert.Equal("completed", laterJob.GetProperty("status").GetString());
        Assert.Equal(Cap, emulators.PiApi.PeakTasksInFlight);
    }

    private static JsonObject Job(int count, string keyword)
    {
        var job = Configurations.Job(count, keywords: keyword, aspectRatios: "1:1");
        job["ai"] = new JsonObject { ["runPromptWriter"] = false, ["runQualityCheck"] = false, ["runMetadataGen"] = false };
        return job;
    }

    private static Dictionary<string, string?> Settings(AzuriteProcess azurite, ProviderEmulatorsHost emulators) => new()
    {
        ["ConnectionStrings__Storage"] = azurite.ConnectionString,
        ["Durable__TaskHub"] = "CapCrash" + Guid.NewGuid().ToString("N")[..12],
        // The restart is the same worker, so it takes its partitions back at once.
        ["Durable__WorkerId"] = "cap-crash",
        ["PIAPI_API_KEY"] = PiApiKey,
        ["Providers__PiApi__BaseUrl"] = emulators.PiApiBaseUrl,
        ["Providers__PiApi__AllowedImageHosts__0"] = "http://127.0.0.1",
        ["Providers__PiApi__Models__flux1-schnell__ImagesPerTask"] = "1",
        ["Providers__PiApi__MaxConcurrency"] = $"{Cap}",
        ["OPENAI_API_KEY"] = OpenAiKey,
        ["Providers__OpenAI__Endpoint"] = emulators.OpenAiEndpoint,
        ["Schedules__Enabled"] = "false",
        ["Serilog__MinimumLevel__Default"] = "Warning",
    };
}
