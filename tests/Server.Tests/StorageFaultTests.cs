using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;
using Azure.Storage.Queues;
using GenImageFactory.Infrastructure.Storage;
using GenImageFactory.Server.Tests.Support;

namespace GenImageFactory.Server.Tests;

/// <summary>
/// Storage that answers some writes with 503 Server Busy (a throttled account) for longer than the SDK's own retries
/// last: nothing of the job's log is lost and its closing record is written.
/// </summary>
[LongRunning(90)]
public class StorageFaultTests(StorageFaultTests.BehindFaultyTables factory) : IClassFixture<StorageFaultTests.BehindFaultyTables>
{
    public sealed class BehindFaultyTables : FactoryFixture
    {
        public FaultyTableProxy Proxy { get; private set; } = null!;

        protected override void Configure(IDictionary<string, string?> settings)
        {
            Proxy = FaultyTableProxy.Start(Azurite);
            settings["ConnectionStrings:Storage"] = Proxy.ConnectionString(Azurite);
        }

        public override async Task DisposeAsync()
        {
            await base.DisposeAsync();
            await Proxy.DisposeAsync();
        }
    }

    /// <summary>The SDK tries a write four times; six 503s outlast one step's attempt.</summary>
    private const int Failures = 6;

    [Fact]
    public async Task LogLines_WhoseWriteFailed_AreKeptAndWrittenLater_ExactlyOnce()
    {
        var jobId = await factory.Client.StartJobAsync(Configurations.Job(1, keywords: "quiet harbour", aspectRatios: "1:1"));
        var injected = factory.Proxy.FailWrites(Failures, $"JobLogs(PartitionKey='{jobId}'", "stored 4 images");

        var job = await factory.Client.WaitForJobAsync(jobId, TimeSpan.FromMinutes(3));

        Assert.Equal(Failures, injected());
        Assert.Equal("completed", job.GetProperty("status").GetString());
        var messages = (await factory.Http.GetFromJsonAsync<JsonElement>($"api/jobs/{jobId}/logs")).GetProperty("items").EnumerateArray()
            .Select(l => l.GetProperty("message").GetString()!).ToList();
        Assert.Single(messages, m => m.Contains("stored 4 images"));
        Assert.Single(messages, m => m.Contains("submitted."));
        Assert.Equal(4, messages.Count(m => m.Contains("metadata written")));
        Assert.Equal(messages.Count, messages.Distinct().Count());
    }

    [Fact]
    public async Task AGenerationsImageWrite_ThatOutlastsTheSdksRetries_IsTriedAgain_AndTheJobKeepsEveryImage()
    {
        var jobId = await factory.Client.StartJobAsync(Configurations.Job(2, keywords: "stone bridge", aspectRatios: "1:1"));
        var injected = factory.Proxy.FailWrites(Failures, $"Images(PartitionKey='{jobId}'", $"{jobId}-g0001-i00");

        var job = await factory.Client.WaitForJobAsync(jobId, TimeSpan.FromMinutes(3));

        Assert.Equal(Failures, injected());
        Assert.Equal("completed", job.GetProperty("status").GetString());
        Assert.Equal(0, job.GetProperty("failedGenerations").GetInt32());
        Assert.Equal(8, job.GetProperty("totalImages").GetInt32());
        Assert.Equal(8, (await factory.Client.ListImagesAsync(jobId)).Count);
    }

    /// <summary>
    /// The engine sends an episode's steps before it records the episode: a history write that fails (a throttled account
    /// under the engine's own writes) leaves steps that run and answer while the episode runs again. The job still ends
    /// with each generation's images stored and counted once. The episode run again does give the lost steps' numbers to
    /// other steps (in one traced run, two lost submit steps' numbers went to a progress write and a slot exchange, which
    /// then received the submit steps' answers); which steps, depends on what comes in meanwhile, and the batch's unit
    /// tests cover each kind of foreign answer being dropped. With extended sessions on, the engine then processed
    /// messages twice and stalled the class's next job for minutes.
    /// </summary>
    [Fact]
    public async Task TheBatchsHistoryWrites_FailingAfterItsStepsWereSent_LeaveEveryGenerationCountedOnce()
    {
        const int generations = 8;
        var jobId = await factory.Client.StartJobAsync(Configurations.ProviderOnlyJob(generations, "copper kettle", maxConcurrency: 2));
        // Past the batch's first submit steps, an episode that hands an ended generation's slot to the next one: its
        // messages go out, then its history write fails, and it runs again with whatever has come in since.
        var injected = factory.Proxy.FailWritesAfter(2, Failures, $"{factory.TaskHub}History", jobId, "SubmitGenerationActivity");

        var job = await factory.Client.WaitForJobAsync(jobId, TimeSpan.FromMinutes(4));

        Assert.Equal(Failures, injected());
        Assert.Equal(generations * 4, (await factory.Client.ListImagesAsync(jobId)).Count);
        Assert.Equal("completed", job.GetProperty("status").GetString());
        Assert.Equal(0, job.GetProperty("failedGenerations").GetInt32());
        Assert.Equal(generations * 4, job.GetProperty("totalImages").GetInt32());
    }

    [Fact]
    public async Task TheClosingWrite_RidesOutAThrottledAccount_AndTheJobEndsCompleted()
    {
        var jobId = await factory.Client.StartJobAsync(Configurations.Job(1, keywords: "red barn", aspectRatios: "1:1"));
        var injected = factory.Proxy.FailWrites(Failures, $"Jobs(PartitionKey='job',RowKey='{jobId}')", "\"Status\":\"completed\"");

        var job = await factory.Client.WaitForJobAsync(jobId, TimeSpan.FromMinutes(3));

        Assert.Equal(Failures, injected());
        Assert.Equal("completed", job.GetProperty("status").GetString());
        Assert.Equal(100, job.GetProperty("progress").GetInt32());
        Assert.Equal(4, job.GetProperty("totalImages").GetInt32());
        var messages = (await factory.Http.GetFromJsonAsync<JsonElement>($"api/jobs/{jobId}/logs")).GetProperty("items").EnumerateArray()
            .Select(l => l.GetProperty("message").GetString()!).ToList();
        Assert.Single(messages, m => m.StartsWith("Job completed"));
    }

    [Fact]
    public async Task StorageThatIsDown_Answers503WithRetryAfter_AndHealthSaysSo_UntilItIsBack()
    {
        factory.Proxy.Down = true;
        try
        {
            // Reads and writes alike: once the SDK's retries are spent, a 503 a client can act on, not a 500.
            foreach (var request in new[] { new HttpRequestMessage(HttpMethod.Get, "api/jobs"), new HttpRequestMessage(HttpMethod.Get, "api/stats") })
            {
                using var response = await factory.Http.SendAsync(request);
                Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
                Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
                Assert.Equal(TimeSpan.FromSeconds(10), response.Headers.RetryAfter?.Delta);
                var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
                Assert.Equal(503, problem.GetProperty("status").GetInt32());
                Assert.Equal("Storage is unavailable.", problem.GetProperty("title").GetString());
            }
            // The health probe stops saying healthy (its check looks at storage again every 10 s), and says it was lost, not starting.
            var status = "";
            await Eventually.TrueAsync(async () => await HealthAsync() is { Storage: false } health && (status = health.Status) != "",
                TimeSpan.FromSeconds(90), "health reports storage down");
            Assert.Equal("unavailable", status);
        }
        finally
        {
            factory.Proxy.Down = false;
        }
        await Eventually.TrueAsync(async () => await HealthAsync() is { Storage: true }, TimeSpan.FromSeconds(90), "health reports storage back");
        using var back = await factory.Http.GetAsync("api/jobs");
        Assert.Equal(HttpStatusCode.OK, back.StatusCode);
    }

    /// <summary>
    /// Storage emptied under a running Server (an emulator restarted in memory): the app's tables and containers and the
    /// durable task hub's queues, tables and leases are all made again, without a restart, and the next job runs.
    /// </summary>
    [Fact]
    public async Task StorageEmptiedUnderTheServer_IsMadeAgain_AndTheNextJobRuns()
    {
        await Eventually.TrueAsync(async () => await HealthAsync() is { Status: "healthy" }, TimeSpan.FromSeconds(60), "the Server is healthy first");
        var queues = new QueueServiceClient(factory.Azurite.ConnectionString);
        await foreach (var table in factory.Tables.QueryAsync())
        {
            await factory.Tables.DeleteTableAsync(table.Name);
        }
        await foreach (var queue in queues.GetQueuesAsync())
        {
            await queues.DeleteQueueAsync(queue.Name);
        }
        await foreach (var container in factory.Blobs.GetBlobContainersAsync())
        {
            var client = factory.Blobs.GetBlobContainerClient(container.Name);
            if (container.Properties.LeaseState == LeaseState.Leased)
            {
                // The engine's app lease on its leases container: an emulator's restart drops it with the rest.
                await client.GetBlobLeaseClient().BreakAsync(TimeSpan.Zero);
            }
            await client.DeleteAsync();
        }

        // Found within a probe's interval; the engine then starts again on a task hub it makes again (the one it ran
        // before never makes its queues again), and health says healthy once that and the app's tables are done.
        var hubQueue = factory.TaskHub.ToLowerInvariant() + "-workitems";
        await Eventually.TrueAsync(() => AnyAsync(queues.GetQueuesAsync(), q => q.Name == hubQueue), TimeSpan.FromSeconds(60), "the task hub is made again");
        await Eventually.TrueAsync(async () => await HealthAsync() is { Status: "healthy" }, TimeSpan.FromSeconds(90), "the Server is healthy again");
        Assert.True(await AnyAsync(factory.Tables.QueryAsync(), t => t.Name == StorageNames.JobsTable), "the app's tables are made again");
        var jobId = await factory.Client.StartJobAsync(Configurations.Job(1, keywords: "empty shelf", aspectRatios: "1:1"));
        var job = await factory.Client.WaitForJobAsync(jobId, TimeSpan.FromMinutes(2));

        Assert.Equal("completed", job.GetProperty("status").GetString());
        Assert.Equal(4, (await factory.Client.ListImagesAsync(jobId)).Count);
    }

    private static async Task<bool> AnyAsync<T>(IAsyncEnumerable<T> items, Func<T, bool> match)
    {
        await foreach (var item in items)
        {
            if (match(item))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>What <c>/api/health</c> says (200 or 503 alike carry the status and the checks).</summary>
    private async Task<(string Status, bool Storage)> HealthAsync()
    {
        using var response = await factory.Http.GetAsync("api/health");
        var health = await response.Content.ReadFromJsonAsync<JsonElement>();
        return (health.GetProperty("status").GetString()!, health.GetProperty("checks").GetProperty("storage").GetBoolean());
    }
}
