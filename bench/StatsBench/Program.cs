using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using GenImageFactory.Domain.Configuration;
using GenImageFactory.Domain.Jobs;
using GenImageFactory.Infrastructure.Storage;
using GenImageFactory.Local;
using GenImageFactory.Pipeline.Models;

// Stores N finished job records through the job store (each with a configuration snapshot inline, as real
// ones have; the store keeps the statistics' totals as it writes), then times GET /api/stats on a fresh
// Server: the figure the dashboard pays every few seconds.
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
var jobs = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 10_000;
const int Requests = 200;

await using var azurite = await AzuriteProcess.StartAsync();
var tables = new TableServiceClient(azurite.ConnectionString);
await tables.CreateTableIfNotExistsAsync("Jobs");
await new BlobServiceClient(azurite.ConnectionString).CreateBlobContainerAsync("snapshots");
var store = new TableJobStore(tables, new BlobServiceClient(azurite.ConnectionString));
var configuration = ConfigurationReader.Read(JsonDocument.Parse("""{"keywords": "red barn", "parameters": {"count": 1}}""").RootElement, requireName: false).Value!
    with { SystemPrompt = new string('k', 4_000) };
var statuses = new[] { JobStatus.Completed, JobStatus.Failed, JobStatus.Cancelled };
var seeding = Stopwatch.StartNew();
await Parallel.ForEachAsync(Enumerable.Range(0, jobs), new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (i, token) =>
    await store.CreateAsync(new JobRecord
    {
        Id = $"{9_000_000_000 - i:D19}-{i:x8}", Label = $"job {i}", Status = statuses[i % 3], Phase = JobPhase.Done, Progress = 100,
        Configuration = configuration, CreatedAt = DateTimeOffset.UtcNow, TotalGenerations = 1, TotalImages = 4, ApprovedImages = 3, FailedImages = 1,
    }, token));
Console.WriteLine($"stored {jobs} job records in {seeding.Elapsed.TotalSeconds:F0} s");

await using var server = await ServerProcess.StartAsync(new Dictionary<string, string?>
{
    ["ConnectionStrings__Storage"] = azurite.ConnectionString,
    ["Durable__TaskHub"] = "StatsBench",
    ["Schedules__Enabled"] = "false",
    ["Serilog__MinimumLevel__Default"] = "Warning",
});
using var http = new HttpClient { BaseAddress = server.BaseUrl };
await http.GetStringAsync("api/stats");
var times = new List<double>();
for (var i = 0; i < Requests; i++)
{
    var clock = Stopwatch.StartNew();
    await http.GetStringAsync("api/stats");
    times.Add(clock.Elapsed.TotalMilliseconds);
}
times.Sort();
Console.WriteLine($"GET /api/stats over {jobs} jobs, {Requests} requests: median {times[Requests / 2]:F0} ms, p95 {times[(int)(Requests * 0.95) - 1]:F0} ms, max {times[^1]:F0} ms");
