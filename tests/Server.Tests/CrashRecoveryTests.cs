using GenImageFactory.Local;
using GenImageFactory.Server.Tests.Support;
using Azure.Data.Tables;
using Azure.Storage.Blobs;

namespace GenImageFactory.Server.Tests;

/// <summary>A Server killed mid-job loses nothing: restarted, it finishes the job with exactly the expected records and blobs.</summary>
public class CrashRecoveryTests
{
    [Fact]
    public async Task ServerKilledMidJob_Restarted_CompletesTheJobWithNoDuplicates()
    {
        await using var azurite = await AzuriteProcess.StartAsync();
        var environment = new Dictionary<string, string?>
        {
            ["ConnectionStrings__Storage"] = azurite.ConnectionString,
            ["Durable__TaskHub"] = "Crash" + Guid.NewGuid().ToString("N")[..12],
            ["Emulators__LatencyMs"] = "3000",
            ["Emulators__ImageLongSide"] = "128",
            ["Providers__PiApi__MaxConcurrency"] = "3",
            ["Serilog__MinimumLevel__Default"] = "Warning",
        };
        await using var server = await ServerProcess.StartAsync(environment);
        var client = new FactoryClient(new HttpClient { BaseAddress = server.BaseUrl });

        var jobId = await client.StartJobAsync(Configurations.Job(12));
        var tables = new TableServiceClient(azurite.ConnectionString);
        await Eventually.TrueAsync(
            async () => (await StoredJob.ImageRowsAsync(tables, jobId)).Count > 0,
            TimeSpan.FromMinutes(2),
            "the job stored its first images");
        var before = await client.GetJobAsync(jobId);
        Assert.Equal("running", before.GetProperty("status").GetString());

        await server.CrashAsync();
        await server.RestartAsync();
        var job = await client.WaitForJobAsync(jobId, TimeSpan.FromMinutes(8));

        Assert.Equal("completed", job.GetProperty("status").GetString());
        Assert.Equal(48, job.GetProperty("totalImages").GetInt32());
        Assert.Equal(0, job.GetProperty("failedGenerations").GetInt32());
        var rows = await StoredJob.ImageRowsAsync(tables, jobId);
        var blobs = await StoredJob.BlobNamesAsync(new BlobServiceClient(azurite.ConnectionString), jobId);
        Assert.Equal(48, rows.Count);
        Assert.Equal(48, blobs.Count);
        Assert.Equal(
            Enumerable.Range(0, 12).SelectMany(g => Enumerable.Range(0, 4).Select(i => $"{jobId}-g{g:D4}-i{i:D2}")),
            rows.Select(r => r.RowKey).Order(StringComparer.Ordinal));
    }
}
