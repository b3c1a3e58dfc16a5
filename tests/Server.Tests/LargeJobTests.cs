using Azure.Data.Tables;
using GenImageFactory.Infrastructure.Storage;
using GenImageFactory.Server.Tests.Support;

namespace GenImageFactory.Server.Tests;

/// <summary>Concurrency 25 makes batches of 100 generations, so 101 generations run as two batches.</summary>
public sealed class TwoBatchFixture : FactoryFixture
{
    protected override void Configure(IDictionary<string, string?> settings)
    {
        settings["Providers:PiApi:MaxConcurrency"] = "25";
        settings["Emulators:ImageLongSide"] = "32";
        settings["Emulators:LatencyMs"] = "200";
    }
}

public class LargeJobTests(TwoBatchFixture factory) : IClassFixture<TwoBatchFixture>
{
    [Fact]
    public async Task Job_SpanningTwoBatches_StoresEveryImage_AndProgressNeverGoesDown()
    {
        var jobId = await factory.Client.StartJobAsync(Configurations.Job(101, aspectRatios: "1:1"));
        var seen = new List<int>();

        var job = await factory.Client.WaitForJobAsync(jobId, TimeSpan.FromMinutes(6), j => seen.Add(j.GetProperty("progress").GetInt32()));

        Assert.Equal("completed", job.GetProperty("status").GetString());
        Assert.Equal(404, job.GetProperty("totalImages").GetInt32());
        Assert.Equal(seen.Order(), seen);
        Assert.Equal(100, seen[^1]);
        Assert.All(seen[..^1], p => Assert.InRange(p, 0, 99));
        var rows = await StoredJob.ImageRowsAsync(factory.Tables, jobId);
        Assert.Equal(Enumerable.Range(0, 101), rows.Select(r => r.GetInt32("GenerationIndex")!.Value).Distinct().Order());
        Assert.Equal(404, rows.Count);

        // Filed for search batch by batch (the first while the second ran), each image once: the index counts 404.
        var entries = StorageNames.SearchTables.SelectMany(table =>
            factory.Tables.GetTableClient(table).Query<TableEntity>(e => e.GetString("JobId") == jobId, select: ["RowKey"]).Select(e => e.RowKey));
        Assert.Equal(rows.Select(r => r.RowKey).Order(), entries.Distinct().Order());
        var filed = await factory.Tables.GetTableClient(StorageNames.SearchTables[StorageNames.SearchTableOf("~all")]).GetEntityAsync<TableEntity>("~all", "~size");
        Assert.Equal(404, filed.Value.GetInt64("Entries"));
    }
}
