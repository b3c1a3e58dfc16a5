using System.Diagnostics;
using System.Globalization;
using Azure.Data.Tables;
using GenImageFactory.Local;

// Fills the Jobs table with N finished job records (each with a configuration snapshot inline, as real ones
// have), then times GET /api/stats on a fresh Server: the figure the dashboard pays every few seconds.
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
var jobs = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 10_000;
const int Requests = 40;

await using var azurite = await AzuriteProcess.StartAsync();
var table = new TableServiceClient(azurite.ConnectionString).GetTableClient("Jobs");
await table.CreateIfNotExistsAsync();
var snapshot = new string('k', 4_000);
var statuses = new[] { "completed", "failed", "cancelled" };
for (var first = 0; first < jobs; first += 100)
{
    await table.SubmitTransactionAsync(Enumerable.Range(first, Math.Min(100, jobs - first)).Select(i =>
        new TableTransactionAction(TableTransactionActionType.Add, new TableEntity("job", $"{9_000_000_000 - i:D19}-{i:x8}")
        {
            ["Status"] = statuses[i % 3], ["TotalImages"] = 4, ["ApprovedImages"] = 3, ["FailedImages"] = 1, ["SnapshotJson"] = snapshot,
        })));
}

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
