using System.Text.Json;
using Azure.Data.Tables;
using GenImageFactory.Pipeline.Orchestrations;
using GenImageFactory.Server.Tests.Support;

namespace GenImageFactory.Server.Tests;

/// <summary>A provider cap of 3 with slow tasks and a slow quality check: the cap holds across jobs, the jobs share it fairly.</summary>
public sealed class ProviderConcurrencyFixture : FactoryFixture
{
    public const int Cap = 3;

    /// <summary>How long the OpenAI emulator takes to answer (the quality check), longer than a provider task.</summary>
    public const int ReviewMs = 5000;

    protected override void Configure(IDictionary<string, string?> settings)
    {
        settings["Providers:PiApi:MaxConcurrency"] = $"{Cap}";
        settings["Providers:PiApi:Models:flux1-schnell:ImagesPerTask"] = "1";
        settings["Emulators:LatencyMs"] = "3000";
        settings["Emulators:OpenAi:ResponseDelayMs"] = $"{ReviewMs}";
    }
}

/// <summary>
/// Several jobs at once never have more tasks at the provider than its cap, and a small job is not starved by a
/// big one that started first; a job's own <c>maxConcurrency</c> holds it lower still.
/// </summary>
[LongRunning(80)]
public class ProviderConcurrencyTests(ProviderConcurrencyFixture factory) : IClassFixture<ProviderConcurrencyFixture>
{
    private const int Cap = ProviderConcurrencyFixture.Cap;

    [Fact]
    public async Task ThreeJobsAtOnce_NeverExceedTheProviderCap_AndTheSmallOnesFinishWhileTheBigOneRuns()
    {
        await QuietAsync();
        var big = await factory.Client.StartJobAsync(Configurations.ProviderOnlyJob(30, "big barn"));
        // The big job takes every slot before the others arrive: the case where a first-come queue would starve them.
        // The peak, not the count at one poll: on a loaded machine a task can end between two polls.
        await Eventually.TrueAsync(() => Task.FromResult(factory.Emulator.PeakTasksInFlight == Cap), TimeSpan.FromSeconds(60), "the big job filled the cap");
        var medium = await factory.Client.StartJobAsync(Configurations.ProviderOnlyJob(8, "medium lake"));
        var small = await factory.Client.StartJobAsync(Configurations.ProviderOnlyJob(4, "small hill"));

        var smallDone = await factory.Client.WaitForJobAsync(small, TimeSpan.FromMinutes(3));
        var bigWhenSmallEnded = await factory.Client.GetJobAsync(big);
        var mediumDone = await factory.Client.WaitForJobAsync(medium, TimeSpan.FromMinutes(3));
        var bigWhenMediumEnded = await factory.Client.GetJobAsync(big);
        var bigDone = await factory.Client.WaitForJobAsync(big, TimeSpan.FromMinutes(5));

        Assert.Equal(Cap, factory.Emulator.PeakTasksInFlight);
        Assert.All(new[] { smallDone, mediumDone, bigDone }, job => Assert.Equal("completed", job.GetProperty("status").GetString()));
        Assert.Equal((4, 8, 30), (smallDone.GetProperty("totalImages").GetInt32(), mediumDone.GetProperty("totalImages").GetInt32(), bigDone.GetProperty("totalImages").GetInt32()));
        // The big job kept going meanwhile, and the others were not held back until it ended.
        Assert.Equal("running", bigWhenSmallEnded.GetProperty("status").GetString());
        Assert.Equal("running", bigWhenMediumEnded.GetProperty("status").GetString());
        Assert.InRange(bigWhenSmallEnded.GetProperty("totalImages").GetInt32(), Cap, 29);
        Assert.True(Ended(smallDone) < Ended(bigDone) && Ended(mediumDone) < Ended(bigDone));
        // The slots the big job gave back woke the waiting jobs' batches through the engine, rather than waiting for their next ask.
        Assert.NotEmpty(SlotsFreedEvents(medium).Concat(SlotsFreedEvents(small)));
        await AssertNoSlotHeldAsync();
    }

    [Fact]
    public async Task AJobWithMaxConcurrencyOne_HasOneTaskInFlight_ThoughTheProviderAllowsMore()
    {
        await QuietAsync();

        var jobId = await factory.Client.StartJobAsync(Configurations.ProviderOnlyJob(4, "lone tree", maxConcurrency: 1));
        var job = await factory.Client.WaitForJobAsync(jobId, TimeSpan.FromMinutes(3));

        Assert.Equal("completed", job.GetProperty("status").GetString());
        Assert.Equal(4, job.GetProperty("totalImages").GetInt32());
        Assert.Equal(1, factory.Emulator.PeakTasksInFlight);
        var log = (await factory.Http.GetFromJsonAsync<JsonElement>($"api/jobs/{jobId}/logs")).GetProperty("items").EnumerateArray();
        Assert.Contains(log, line => line.GetProperty("message").GetString()!.Contains("at most 1 at a time", StringComparison.Ordinal));
        await AssertNoSlotHeldAsync();
    }

    [Fact]
    public async Task AGenerationsSlot_GoesToTheNextOnceItsTaskHasEnded_WhileItsImagesAreStillReviewed()
    {
        await QuietAsync();
        var configuration = Configurations.ProviderOnlyJob(2, "slow review", maxConcurrency: 1);
        configuration["ai"]!["runQualityCheck"] = true;

        var jobId = await factory.Client.StartJobAsync(configuration);
        var job = await factory.Client.WaitForJobAsync(jobId, TimeSpan.FromMinutes(3));

        Assert.Equal("completed", job.GetProperty("status").GetString());
        Assert.Equal(2, job.GetProperty("totalImages").GetInt32());
        Assert.Equal(1, factory.Emulator.PeakTasksInFlight);
        var log = (await factory.Http.GetFromJsonAsync<JsonElement>($"api/jobs/{jobId}/logs")).GetProperty("items").EnumerateArray()
            .Select(line => (Message: line.GetProperty("message").GetString()!, At: line.GetProperty("timestamp").GetDateTime())).ToList();
        var secondSubmitted = log.Single(line => line.Message.StartsWith("Generation 1: piapi task", StringComparison.Ordinal)).At;
        var firstReviewed = log.Single(line => line.Message.StartsWith("Generation 0: image i00 ", StringComparison.Ordinal)).At;
        // The second task went to the provider while the first one's image was still in its (slow) quality check.
        Assert.True(secondSubmitted < firstReviewed, $"generation 1 submitted at {secondSubmitted:O}, generation 0 reviewed at {firstReviewed:O}");
        await AssertNoSlotHeldAsync();
    }

    /// <summary>Waits for the previous test's tasks to end, then starts a new peak measurement.</summary>
    private async Task QuietAsync()
    {
        await Eventually.TrueAsync(() => Task.FromResult(factory.Emulator.TasksInFlight == 0), TimeSpan.FromSeconds(30), "no task in flight");
        factory.Emulator.ResetPeakTasksInFlight();
    }

    /// <summary>Every job released its slots at its end: none is held in the table.</summary>
    private async Task AssertNoSlotHeldAsync()
    {
        var held = await SlotRows.HeldAsync(factory.Tables, "piapi");
        Assert.Empty(held);
    }

    private static DateTime Ended(JsonElement job) => job.GetProperty("completedAt").GetDateTime();

    /// <summary>The wake-ups another job's slot exchange sent the job's batches, from the task hub's history.</summary>
    private List<TableEntity> SlotsFreedEvents(string jobId) =>
        factory.Tables.GetTableClient(factory.TaskHub + "History")
            .Query<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey ge {jobId} and PartitionKey lt {jobId + "~"} and EventType eq 'EventRaised' and Name eq {RunGenerationBatchOrchestrator.SlotsFreedEvent}"),
                select: ["PartitionKey", "EventType", "Name"])
            .ToList();
}
