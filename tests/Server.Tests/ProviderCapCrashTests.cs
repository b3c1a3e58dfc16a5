using Azure.Data.Tables;
using GenImageFactory.Local;
using GenImageFactory.Server.Tests.Support;

namespace GenImageFactory.Server.Tests;

/// <summary>
/// A Server killed while its job holds every provider slot leaks none: after a restart the job and a newcomer
/// finish, nothing stays held, and a later job gets the full cap. The provider runs in this test process, so
/// its count of tasks in flight survives the kill.
/// </summary>
[LongRunning(75)]
public class ProviderCapCrashTests
{
    private const int Cap = 3;

    [Fact]
    public async Task ServerKilledHoldingEverySlot_Restarted_ALaterJobStillGetsTheFullCap()
    {
        await using var azurite = await AzuriteProcess.StartAsync();
        await using var emulators = await EmulatedProviders.StartAsync(latencyMs: 3000);
        var tables = new TableServiceClient(azurite.ConnectionString);
        await using var server = await ServerProcess.StartAsync(Settings(azurite, emulators));
        var client = new FactoryClient(new HttpClient { BaseAddress = server.BaseUrl });

        var killed = await client.StartJobAsync(Configurations.ProviderOnlyJob(12, "red barn"));
        await Eventually.TrueAsync(async () => (await SlotRows.HeldAsync(tables, "piapi")).Count == Cap && emulators.PiApi.TasksInFlight == Cap,
            TimeSpan.FromMinutes(2), "the job held every slot with its tasks at the provider");
        await server.CrashAsync();
        await server.RestartAsync();

        var newcomer = await client.StartJobAsync(Configurations.ProviderOnlyJob(6, "blue lake"));
        Assert.Equal("completed", (await client.WaitForJobAsync(killed, TimeSpan.FromMinutes(8))).GetProperty("status").GetString());
        Assert.Equal("completed", (await client.WaitForJobAsync(newcomer, TimeSpan.FromMinutes(4))).GetProperty("status").GetString());
        Assert.Empty(await SlotRows.HeldAsync(tables, "piapi"));

        await Eventually.TrueAsync(() => Task.FromResult(emulators.PiApi.TasksInFlight == 0), TimeSpan.FromSeconds(30), "no task in flight");
        emulators.PiApi.ResetPeakTasksInFlight();
        var later = await client.StartJobAsync(Configurations.ProviderOnlyJob(6, "green hill"));
        var laterJob = await client.WaitForJobAsync(later, TimeSpan.FromMinutes(4));

        Assert.Equal("completed", laterJob.GetProperty("status").GetString());
        Assert.Equal(Cap, emulators.PiApi.PeakTasksInFlight);
    }

    private static Dictionary<string, string?> Settings(AzuriteProcess azurite, ProviderEmulatorsHost emulators)
    {
        var settings = EmulatedProviders.ServerSettings(azurite, emulators, "CapCrash" + Guid.NewGuid().ToString("N")[..12], imagesPerTask: 1, Cap);
        // The restart is the same worker, so it takes its partitions back at once.
        settings["Durable__WorkerId"] = "cap-crash";
        return settings;
    }
}
