using System.Diagnostics;
using System.Security.Cryptography;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using GenImageFactory.Bench;
using GenImageFactory.Local;

// Runs one job of N generations against the PiAPI emulator (latency L, max concurrency C) R times on a
// fresh Azurite each, and prints wall time against the ideal ceil(N/C) x L, activity executions per second,
// the Server's peak working set, and (from one extra run with Azurite's debug log) storage requests per image.
var settings = BenchSettings.Parse(args);
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
Console.WriteLine($"Machine: {Environment.ProcessorCount} cores, {GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1L << 30)} GiB; {settings}");
Console.WriteLine($"Ideal wall time ceil(N/C) x L = {settings.Ideal.TotalSeconds:F1} s");

var artifacts = Path.Combine(RepositoryPaths.Root, "artifacts", "bench");
Directory.CreateDirectory(artifacts);

// Azurite's debug log is the request count. Its timestamps are not reliable for a window (blob lines are
// written late), so the figure is marginal: a run with the job minus an idle run of the same length.
var counting = await JobRun.ExecuteAsync(settings, Path.Combine(artifacts, "azurite-debug.log"));
var idle = await JobRun.ExecuteAsync(settings with { Generations = 0 }, Path.Combine(artifacts, "azurite-idle.log"), idleFor: counting.Wall);
var marginal = counting.StorageRequests - idle.StorageRequests;
Console.WriteLine($"Storage requests per image: {(double)marginal / Math.Max(1, counting.Images):F2} " +
                  $"({counting.StorageRequests} in the run with the job [{counting.RequestsByService}] - {idle.StorageRequests} in an idle run of equal length, " +
                  $"for {counting.Images} images; that run's wall time {counting.Wall.TotalSeconds:F1} s is slowed by the debug log)");
AzuriteRequestTimes.Print(Path.Combine(artifacts, "azurite-debug.log"));

var runs = new List<JobRun>();
for (var i = 0; i < settings.Runs; i++)
{
    var run = await JobRun.ExecuteAsync(settings, debugLog: null);
    runs.Add(run);
    Console.WriteLine($"Run {i + 1}: {run.Summary(settings)}");
}
var median = runs.OrderBy(r => r.Wall).ElementAt(runs.Count / 2);
Console.WriteLine($"Median: {median.Summary(settings)}");
return 0;

/// <summary>One job on a fresh Azurite and a fresh Server process.</summary>
/// <param name="ServerCpu">CPU time of the Server that ran the jobs; <paramref name="AzuriteCpu"/> of the storage emulator: which one the run waited on.</param>
internal sealed record JobRun(TimeSpan Wall, int Images, long ActivityExecutions, long OrchestrationEpisodes, TimeSpan ServerCpu, TimeSpan AzuriteCpu, long PeakWorkingSetBytes, long StorageRequests, string RequestsByService, string Status)
{
    public string Summary(BenchSettings s) =>
        $"status {Status}, wall {Wall.TotalSeconds:F1} s, ideal {s.Ideal.TotalSeconds:F1} s, ratio {Wall / s.Ideal:F2}, " +
        $"{ActivityExecutions} activities = {ActivityExecutions / Wall.TotalSeconds:F1}/s, {OrchestrationEpisodes} orchestration episodes, images {Images}, " +
        $"CPU Server {ServerCpu.TotalSeconds:F0} s, Azurite {AzuriteCpu.TotalSeconds:F0} s, peak working set {PeakWorkingSetBytes / (1 << 20)} MiB";

    /// <param name="idleFor">Run no job; keep the Server up this long (the baseline for storage counts).</param>
    public static async Task<JobRun> ExecuteAsync(BenchSettings settings, string? debugLog, TimeSpan? idleFor = null)
    {
        if (debugLog is not null)
        {
            File.Delete(debugLog);
        }
        JsonElement job;
        JsonElement counters;
        long peakWorkingSet;
        TimeSpan serverCpu;
        TimeSpan azuriteCpu;
        var azurite = await AzuriteProcess.StartAsync(debugLog: debugLog);
        await using (azurite)
        {
            var environment = new Dictionary<string, string?>
            {
                ["ConnectionStrings__Storage"] = azurite.ConnectionString,
                ["Durable__TaskHub"] = "Bench",
                ["Emulators__LatencyMs"] = $"{settings.LatencyMs}",
                ["Emulators__ImageLongSide"] = "256",
                [$"Providers__{settings.ProviderSection}__MaxConcurrency"] = $"{settings.Concurrency}",
                // PiAPI's default model with a batch of four, so figures per image compare with Midjourney's grids.
                ["Providers__PiApi__Models__flux1-schnell__ImagesPerTask"] = "4",
                ["Serilog__MinimumLevel__Default"] = "Warning",
            };
            var port = FreePorts.Next();
            if (settings.Webhooks)
            {
                // PiAPI's and Runware's sections; another provider does not call back, and the setting is not read.
                environment[$"Providers__{settings.ProviderSection}__WebhookBaseUrl"] = $"http://127.0.0.1:{port}/";
                environment[$"Providers__{settings.ProviderSection}__WebhookSecret"] = Convert.ToHexString(RandomNumberGenerator.GetBytes(24));
            }
            await using var server = await ServerProcess.StartAsync(environment, port);
            // More processes on the same hub share the partitions (each with its own worker id).
            var others = new List<ServerProcess>();
            for (var i = 1; i < settings.Servers; i++)
            {
                others.Add(await ServerProcess.StartAsync(environment));
            }
            var client = new FactoryClient(new HttpClient { BaseAddress = server.BaseUrl });
            var configuration = new JsonObject
            {
                ["keywords"] = "harbour at dawn\nmountain lake\ncity rooftops\nforest path",
                ["parameters"] = new JsonObject
                {
                    ["count"] = settings.Generations,
                    ["provider"] = settings.Provider,
                    ["aspectRatios"] = "1:1,16:9,9:16",
                    ["pollingIntervalSeconds"] = settings.PollSeconds,
                    ["generationRetryAttempts"] = 0,
                },
            };
            if (idleFor is { } idleTime)
            {
                var since = DateTimeOffset.UtcNow;
                await Task.Delay(idleTime);
                job = JsonSerializer.SerializeToElement(new { createdAt = since, completedAt = DateTimeOffset.UtcNow, totalImages = 0, status = "idle" });
            }
            else
            {
                var jobIds = new List<string>();
                for (var i = 0; i < settings.Jobs; i++)
                {
                    jobIds.Add(await client.StartJobAsync(configuration.DeepClone().AsObject()));
                }
                // Every 10 s, each job's progress on stderr: where a slow run spends its time shows in which job stalls.
                var started = Stopwatch.StartNew();
                var shownAt = new double[jobIds.Count];
                var jobs = await Task.WhenAll(jobIds.Select((id, k) => client.WaitForJobAsync(id, TimeSpan.FromMinutes(30), seen =>
                {
                    if (started.Elapsed.TotalSeconds - shownAt[k] >= 10)
                    {
                        shownAt[k] = started.Elapsed.TotalSeconds;
                        Console.Error.WriteLine($"  {started.Elapsed.TotalSeconds,5:F0} s job {k + 1}: {seen.GetProperty("progress").GetInt32()}%");
                    }
                })));
                // Several jobs read as one: first created to last completed, every image.
                job = JsonSerializer.SerializeToElement(new
                {
                    createdAt = jobs.Min(j => j.GetProperty("createdAt").GetDateTimeOffset()),
                    completedAt = jobs.Max(j => j.GetProperty("completedAt").GetDateTimeOffset()),
                    totalImages = jobs.Sum(j => j.GetProperty("totalImages").GetInt32()),
                    status = string.Join(",", jobs.Select(j => j.GetProperty("status").GetString()).Distinct()),
                });
            }
            counters = await client.Http.GetFromJsonAsync<JsonElement>("diagnostics/engine");
            peakWorkingSet = server.Process.PeakWorkingSetBytes();
            serverCpu = server.Process.ProcessorTime;
            azuriteCpu = azurite.Process.ProcessorTime;
            foreach (var other in others)
            {
                await other.DisposeAsync();
            }
        }

        var createdAt = job.GetProperty("createdAt").GetDateTimeOffset();
        var completedAt = job.GetProperty("completedAt").GetDateTimeOffset();
        // Azurite flushes its debug log lazily: count only after it stopped.
        var requests = debugLog is null ? [] : CountRequests(debugLog);
        return new JobRun(
            completedAt - createdAt,
            job.GetProperty("totalImages").GetInt32(),
            counters.GetProperty("activityExecutions").GetInt64(),
            counters.GetProperty("orchestrationEpisodes").GetInt64(),
            serverCpu,
            azuriteCpu,
            peakWorkingSet,
            requests.Values.Sum(),
            string.Join(", ", requests.OrderBy(r => r.Key).Select(r => $"{r.Key} {r.Value}")),
            job.GetProperty("status").GetString()!);
    }

    /// <summary>Requests Azurite logged, by service (one "RequestMethod=" line per request).</summary>
    private static Dictionary<string, long> CountRequests(string debugLog)
    {
        var counts = new Dictionary<string, long>(StringComparer.OrdinalIgnoreCase);
        foreach (var line in File.ReadLines(debugLog))
        {
            var at = line.IndexOf("StorageContextMiddleware: RequestMethod=", StringComparison.Ordinal);
            if (at < 0)
            {
                continue;
            }
            var start = line.LastIndexOf(' ', at) + 1;
            var service = line[start..at].ToLowerInvariant();
            counts[service] = counts.GetValueOrDefault(service) + 1;
        }
        return counts;
    }
}
