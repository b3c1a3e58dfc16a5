using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using GenImageFactory.Local;
using GenImageFactory.Server.Durable;
using GenImageFactory.Server.Tests.Support;
using Xunit.Abstractions;

namespace GenImageFactory.Server.Tests;

/// <summary>
/// Several Server processes on one task hub share the work, and a crash loses nothing: the process that
/// started a job is killed mid-job and the other one finishes it, with exactly the expected records and blobs.
/// The providers run in this test process, so killing a Server does not take them down.
/// </summary>
[LongRunning(150)]
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
        Assert.NotEqual((await CountersAsync(starter)).WorkerId, (await CountersAsync(survivor)).WorkerId);

        var jobId = await StartJobMidWayAsync(starter, azurite);
        var killed = Stopwatch.StartNew();
        await starter.CrashAsync();
        var job = await new FactoryClient(new HttpClient { BaseAddress = survivor.BaseUrl }).WaitForJobAsync(jobId, TimeSpan.FromMinutes(8));
        output.WriteLine($"kill to completed: {killed.Elapsed.TotalSeconds:F1} s");

        await AssertCompletedExactlyOnceAsync(job, jobId, azurite);
        Assert.True((await CountersAsync(survivor)).ActivityExecutions > 0);
    }

    [Fact]
    public async Task KillToMovingAgain_RestartedWithTheSameId_AndTheSurvivorOfTwo()
    {
        await using var azurite = await AzuriteProcess.StartAsync();
        await using var emulators = await EmulatedProviders.StartAsync(latencyMs: 3000);

        // One process, killed and restarted with the same worker id (it takes its partitions back at once).
        var alone = Settings(azurite, emulators, "Restart" + Guid.NewGuid().ToString("N")[..12], partitions: 1);
        alone["Durable__WorkerId"] = "restarted";
        await using (var server = await ServerProcess.StartAsync(alone))
        {
            var jobId = await StartJobMidWayAsync(server, azurite);
            var killed = Stopwatch.StartNew();
            await server.CrashAsync();
            await server.RestartAsync();
            var moving = await MovingAgainAsync(server, 0, killed);
            var job = await new FactoryClient(new HttpClient { BaseAddress = server.BaseUrl }).WaitForJobAsync(jobId, TimeSpan.FromMinutes(8));
            output.WriteLine($"restarted, same id: kill to first orchestration episode {moving.TotalSeconds:F1} s, to completed {killed.Elapsed.TotalSeconds:F1} s");
            await AssertCompletedExactlyOnceAsync(job, jobId, azurite);
        }

        // Two processes, one partition: the first owns it, so the survivor moves the job only once it has
        // taken the dead one's lease (and the messages the dead one held are visible again).
        var pair = Settings(azurite, emulators, "Survivor" + Guid.NewGuid().ToString("N")[..12], partitions: 1);
        await using var owner = await ServerProcess.StartAsync(pair);
        await using var survivor = await ServerProcess.StartAsync(pair);
        var pairJobId = await StartJobMidWayAsync(owner, azurite);
        var episodesBefore = (await CountersAsync(survivor)).OrchestrationEpisodes;
        var pairKilled = Stopwatch.StartNew();
        await owner.CrashAsync();
        var survivorMoving = await MovingAgainAsync(survivor, episodesBefore, pairKilled);
        var pairJob = await new FactoryClient(new HttpClient { BaseAddress = survivor.BaseUrl }).WaitForJobAsync(pairJobId, TimeSpan.FromMinutes(8));
        output.WriteLine($"survivor of two: kill to first orchestration episode {survivorMoving.TotalSeconds:F1} s, to completed {pairKilled.Elapsed.TotalSeconds:F1} s");
        await AssertCompletedExactlyOnceAsync(pairJob, pairJobId, azurite);
        // Lease expiry (15 s) plus an ownership check (every 5 s), with room for a loaded machine.
        Assert.True(survivorMoving < TimeSpan.FromSeconds(40), $"the survivor took {survivorMoving} to move the job");
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

    /// <summary>Time since the kill when <paramref name="server"/> runs an orchestration episode beyond <paramref name="episodesBefore"/>.</summary>
    private static async Task<TimeSpan> MovingAgainAsync(ServerProcess server, long episodesBefore, Stopwatch sinceKill)
    {
        await Eventually.TrueAsync(
            async () => (await CountersAsync(server)).OrchestrationEpisodes > episodesBefore,
            TimeSpan.FromMinutes(3),
            "an orchestration moved again after the kill");
        return sinceKill.Elapsed;
    }

    private static async Task<EngineCounters> CountersAsync(ServerProcess server)
    {
        using var http = new HttpClient { BaseAddress = server.BaseUrl };
        return (await http.GetFromJsonAsync<EngineCounters>("diagnostics/engine", new JsonSerializerOptions(JsonSerializerDefaults.Web)))!;
    }

    private static async Task AssertCompletedExactlyOnceAsync(JsonElement job, string jobId, AzuriteProcess azurite)
    {
        const int expected = Generations * ImagesPerGeneration;
        Assert.Equal("completed", job.GetProperty("status").GetString());
        Assert.Equal(expected, job.GetProperty("totalImages").GetInt32());
        Assert.Equal(0, job.GetProperty("failedGenerations").GetInt32());
        var rows = await StoredJob.ImageRowsAsync(new TableServiceClient(azurite.ConnectionString), jobId);
        var blobs = await StoredJob.BlobNamesAsync(new BlobServiceClient(azurite.ConnectionString), jobId);
        Assert.Equal(
            Enumerable.Range(0, Generations).SelectMany(g => Enumerable.Range(0, ImagesPerGeneration).Select(i => $"{jobId}-g{g:D4}-i{i:D2}")),
            rows.Select(r => r.RowKey).Order(StringComparer.Ordinal));
        Assert.Equal(expected, blobs.Count);
        Assert.Equal(expected, blobs.Distinct().Count());
    }
}
