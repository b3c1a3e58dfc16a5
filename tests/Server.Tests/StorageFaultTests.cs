using System.Net.Http.Json;
using System.Text.Json;
using GenImageFactory.Server.Tests.Support;

namespace GenImageFactory.Server.Tests;

/// <summary>
/// Storage that answers some writes with 503 Server Busy (a throttled account) for longer than the SDK's own retries
/// last: nothing of the job's log is lost and its closing record is written.
/// </summary>
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
