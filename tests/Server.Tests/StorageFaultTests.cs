using System.Net.Http.Json;
using System.Text.Json;
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
}
