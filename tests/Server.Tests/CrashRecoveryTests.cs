using GenImageFactory.Local;
using GenImageFactory.Server.Tests.Support;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using System.Diagnostics;
using System.Text.Json;
using Xunit.Abstractions;

namespace GenImageFactory.Server.Tests;

/// <summary>
/// A Server killed mid-job loses nothing: restarted, it finishes the job with exactly the expected records and blobs,
/// whether its tasks are polled or their provider calls back (then the batch waits on the calls, and the calls made
/// while the Server was down are lost: the safety net's poll finds those tasks). The restart has the same worker id,
/// so it takes its partitions back at once; the test prints how long the job took to move again after the kill.
/// </summary>
[LongRunning(140)]
public class CrashRecoveryTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task ServerKilledMidJob_Restarted_CompletesTheJobWithNoDuplicates(bool webhooks)
    {
        await using var azurite = await AzuriteProcess.StartAsync();
        var port = FreePorts.Next();
        var environment = new Dictionary<string, string?>
        {
            ["ConnectionStrings__Storage"] = azurite.ConnectionString,
            ["Durable__TaskHub"] = "Crash" + Guid.NewGuid().ToString("N")[..12],
            // The restart below is the same worker, so it takes its partitions back at once (the default id is per process).
            ["Durable__WorkerId"] = "crash-recovery",
            ["Emulators__LatencyMs"] = "3000",
            ["Emulators__ImageLongSide"] = "128",
            ["Providers__PiApi__MaxConcurrency"] = "3",
            ["Providers__PiApi__Models__flux1-schnell__ImagesPerTask"] = "4",
            ["Serilog__MinimumLevel__Default"] = "Warning",
        };
        if (webhooks)
        {
            environment["Providers__PiApi__WebhookBaseUrl"] = $"http://127.0.0.1:{port}/";
            environment["Providers__PiApi__WebhookSecret"] = WebhookFixture.Secret;
        }
        await using var server = await ServerProcess.StartAsync(environment, port);
        var client = new FactoryClient(new HttpClient { BaseAddress = server.BaseUrl });

        var jobId = await client.StartJobAsync(Configurations.Job(12));
        var tables = new TableServiceClient(azurite.ConnectionString);
        await Eventually.TrueAsync(
            async () => (await StoredJob.ImageRowsAsync(tables, jobId)).Count > 0,
            TimeSpan.FromMinutes(2),
            "the job stored its first images");
        var before = await client.GetJobAsync(jobId);
        Assert.Equal("running", before.GetProperty("status").GetString());

        var killed = Stopwatch.StartNew();
        await server.CrashAsync();
        await server.RestartAsync();
        var moving = await EngineDiagnostics.MovingAgainAsync(server, 0, killed);
        var job = await client.WaitForJobAsync(jobId, TimeSpan.FromMinutes(8));
        output.WriteLine($"kill to first orchestration episode {moving.TotalSeconds:F1} s, to completed {killed.Elapsed.TotalSeconds:F1} s");

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

        // The log has each step outcome once, in time order, although steps ran again after the crash:
        // job start and end; per generation "submitted" and "stored"; per image its verdict and, if any, its metadata;
        // and the provider's status words the polls saw (how many depends on timing, but each once).
        var images = await client.ListImagesAsync(jobId);
        var log = (await client.Http.GetFromJsonAsync<JsonElement>($"api/jobs/{jobId}/logs")).GetProperty("items").EnumerateArray().ToList();
        var expected = 2 + 12 * 2 + images.Count + images.Count(i => i.GetProperty("metadata").ValueKind == JsonValueKind.Object);
        Assert.Equal(expected, log.Count(e => !e.GetProperty("message").GetString()!.EndsWith("at the provider.")));
        Assert.Equal(log.Count, log.Select(e => e.GetProperty("message").GetString()).Distinct().Count());
        var times = log.Select(e => e.GetProperty("timestamp").GetDateTime()).ToList();
        Assert.Equal(times.Order(), times);
    }
}
