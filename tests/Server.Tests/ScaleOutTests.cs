using System.Diagnostics;
using System.Text.Json;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using GenImageFactory.Local;
using GenImageFactory.Server.Tests.Support;
using Xunit.Abstractions;

namespace GenImageFactory.Server.Tests;

/// <summary>
/// Several Server processes on one task hub share the work, and a crash loses nothing: the process that
/// started a job is killed mid-job and the other one finishes it, with exactly the expected records and blobs.
/// The providers run in this test process, so killing a Server does not take them down.
/// </summary>
[LongRunning(160)]
public class ScaleOutTests(ITestOutputHelper output)
{
    private const int Generations = 12;
    private const int ImagesPerGeneration = 4;

    [Fact]
    public async Task TwoServersOnOneHub_TheOneThatStartedTheJobIsKilled_TheOtherCompletesIt()
    {
        await using var azurite = await AzuriteProcess.StartAsync();
        await using var emulators = await EmulatedProviders.StartAsync(latencyMs: 3000);
        var settings = Settings(azurite, emulators, "ScaleOut" + Guid.NewGuid().ToString("N")[..12]);
        await using var starter = await ServerProcess.StartAsync(settings);
        await using var survivor = await ServerProcess.StartAsync(settings);
        // Default worker ids: unique per process, so the two share the partitions instead of posing as one.
        Assert.NotEqual((await EngineDiagnostics.CountersAsync(starter)).WorkerId, (await EngineDiagnostics.CountersAsync(survivor)).WorkerId);

        var jobId = await StartJobMidWayAsync(starter, azurite);
        var killed = Stopwatch.StartNew();
        await starter.CrashAsync();
        var survivorClient = new FactoryClient(new HttpClient { BaseAddress = survivor.BaseUrl });
        var job = await survivorClient.WaitForJobAsync(jobId, TimeSpan.FromMinutes(8));
        output.WriteLine($"kill to completed: {killed.Elapsed.TotalSeconds:F1} s");

        await AssertCompletedExactlyOnceAsync(job, jobId, azurite, survivorClient);
        Assert.True((await EngineDiagnostics.CountersAsync(survivor)).ActivityExecutions > 0);
    }

    [Fact]
    public async Task SurvivorOfTwo_OnOnePartition_MovesTheJobOnceTheDeadOnesLeaseExpires()
    {
        await using var azurite = await AzuriteProcess.StartAsync();
        await using var emulators = await EmulatedProviders.StartAsync(latencyMs: 3000);

        // Two processes, one partition: the first owns it, so the survivor moves the job only once it has
        // taken the dead one's lease (and the messages the dead one held are visible again).
        var settings = Settings(azurite, emulators, "Survivor" + Guid.NewGuid().ToString("N")[..12], partitions: 1);
        await using var owner = await ServerProcess.StartAsync(settings);
        await using var survivor = await ServerProcess.StartAsync(settings);
        var jobId = await StartJobMidWayAsync(owner, azurite);
        var episodesBefore = (await EngineDiagnostics.CountersAsync(survivor)).OrchestrationEpisodes;
        var killed = Stopwatch.StartNew();
        await owner.CrashAsync();
        var moving = await EngineDiagnostics.MovingAgainAsync(survivor, episodesBefore, killed);
        var survivorClient = new FactoryClient(new HttpClient { BaseAddress = survivor.BaseUrl });
        var job = await survivorClient.WaitForJobAsync(jobId, TimeSpan.FromMinutes(8));
        output.WriteLine($"kill to first orchestration episode {moving.TotalSeconds:F1} s, to completed {killed.Elapsed.TotalSeconds:F1} s");
        await AssertCompletedExactlyOnceAsync(job, jobId, azurite, survivorClient);
        // Lease expiry (15 s) plus an ownership check (every 5 s), with room for a loaded machine.
        Assert.True(moving < TimeSpan.FromSeconds(40), $"the survivor took {moving} to move the job");
    }

    private static Dictionary<string, string?> Settings(AzuriteProcess azurite, ProviderEmulatorsHost emulators, string taskHub, int? partitions = null)
    {
        var settings = EmulatedProviders.ServerSettings(azurite, emulators, taskHub, ImagesPerGeneration, maxConcurrency: 3);
        if (partitions is { } count)
        {
            settings["Durable__PartitionCount"] = count.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        return settings;
    }

    /// <summary>Starts a job on <paramref name="server"/> and returns once it has stored images but is still running.</summary>
    private static async Task<string> StartJobMidWayAsync(ServerProcess server, AzuriteProcess azurite)
    {
        var client = new FactoryClient(new HttpClient { BaseAddress = server.BaseUrl });
        var jobId = await client.StartJobAsync(Configurations.Job(Generations));
        var tables = new TableServiceClient(azurite.ConnectionString);
        await Eventually.TrueAsync(
            async () => (await StoredJob.ImageRowsAsync(tables, jobId)).Count > 0,
            TimeSpan.FromMinutes(2),
            "the job stored its first images");
        Assert.Equal("running", (await client.GetJobAsync(jobId)).GetProperty("status").GetString());
        return jobId;
    }

    /// <summary>Rows and blobs first, then the job's totals: a failure says whether images were lost or miscounted.</summary>
    private async Task AssertCompletedExactlyOnceAsync(JsonElement job, string jobId, AzuriteProcess azurite, FactoryClient survivor)
    {
        const int expected = Generations * ImagesPerGeneration;
        output.WriteLine($"job: {job}");
        output.WriteLine($"log: {await survivor.Http.GetStringAsync($"api/jobs/{jobId}/logs")}");
        var rows = await StoredJob.ImageRowsAsync(new TableServiceClient(azurite.ConnectionString), jobId);
        var blobs = await StoredJob.BlobNamesAsync(new BlobServiceClient(azurite.ConnectionString), jobId);
        Assert.Equal(
            Enumerable.Range(0, Generations).SelectMany(g => Enumerable.Range(0, ImagesPerGeneration).Select(i => $"{jobId}-g{g:D4}-i{i:D2}")),
            rows.Select(r => r.RowKey).Order(StringComparer.Ordinal));
        Assert.Equal(expected, blobs.Count);
        Assert.Equal(expected, blobs.Distinct().Count());
        Assert.Equal("completed", job.GetProperty("status").GetString());
        Assert.Equal(0, job.GetProperty("failedGenerations").GetInt32());
        Assert.Equal(expected, job.GetProperty("totalImages").GetInt32());
    }
}
