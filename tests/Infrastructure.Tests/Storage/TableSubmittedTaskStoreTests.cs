using Azure.Data.Tables;
using GenImageFactory.Infrastructure.Storage;
using GenImageFactory.Pipeline.Models;
using GenImageFactory.Pipeline.Ports;

namespace GenImageFactory.Infrastructure.Tests.Storage;

public sealed class SubmittedTasksAzurite() : TablesAzurite(StorageNames.SubmittedTasksTable);

/// <summary>The submitted-task ledger on a real Azurite: what a submit step that runs again finds.</summary>
public sealed class TableSubmittedTaskStoreTests : IClassFixture<SubmittedTasksAzurite>
{
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(3);
    private static readonly PreparedPrompt Prompt = new("a red barn", "a red barn, golden hour", "16:9");
    private readonly MovingClock _clock = new();
    private readonly TableSubmittedTaskStore _ledger;
    private readonly string _jobId = $"20261127-{Guid.NewGuid():N}";

    public TableSubmittedTaskStoreTests(SubmittedTasksAzurite storage) =>
        _ledger = new TableSubmittedTaskStore(new TableServiceClient(storage.Azurite.ConnectionString), _clock);

    [Fact]
    public async Task APolledTask_IsFoundAgainAsPending_UnderItsPrompt()
    {
        await _ledger.RecordAsync(_jobId, 3, 0, "piapi", new SubmittedTask(ProviderTaskStatus.Pending("task-3"), Prompt), CancellationToken.None);

        var found = await _ledger.FindAsync(_jobId, 3, 0, CancellationToken.None);

        Assert.NotNull(found);
        Assert.Equal((ProviderTaskState.Pending, "task-3"), (found.Answer.State, found.Answer.TaskId));
        Assert.Equal(Prompt, found.Prompt);
        Assert.Null(await _ledger.FindAsync(_jobId, 3, 1, CancellationToken.None));
    }

    [Fact]
    public async Task ASynchronousAnswer_IsFoundAgainWithItsStoredOriginalsAndCost_WithOrWithoutATaskId()
    {
        var urls = new[] { ImageBlobNames.StoredOriginalSource($"{_jobId}/a.original.png"), ImageBlobNames.StoredOriginalSource($"{_jobId}/b.original.png") };
        await _ledger.RecordAsync(_jobId, 0, 0, "openai-images",
            new SubmittedTask(ProviderTaskStatus.Completed(null, urls) with { Cost = 0.04m }, Prompt), CancellationToken.None);
        await _ledger.RecordAsync(_jobId, 1, 0, "runware",
            new SubmittedTask(ProviderTaskStatus.Completed("rw-1", urls[..1]) with { Cost = 0.0019m }, Prompt), CancellationToken.None);

        var openAi = (await _ledger.FindAsync(_jobId, 0, 0, CancellationToken.None))!.Answer;
        var runware = (await _ledger.FindAsync(_jobId, 1, 0, CancellationToken.None))!.Answer;

        Assert.Equal((ProviderTaskState.Completed, null, 0.04m), (openAi.State, openAi.TaskId, openAi.Cost));
        Assert.Equal(urls, openAi.ImageUrls);
        Assert.Equal((ProviderTaskState.Completed, "rw-1", 0.0019m), (runware.State, runware.TaskId, runware.Cost));
        Assert.Equal(urls[..1], runware.ImageUrls);
    }

    /// <summary>Two runs of one submit step at once: one claims the attempt, the other is told who holds it and until when.</summary>
    [Fact]
    public async Task AClaim_IsWonOnce_HeldAgainstOtherRuns_AndAnsweredOnceRecorded()
    {
        var claims = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => _ledger.ClaimAsync(_jobId, 2, 0, Lease, CancellationToken.None)));

        var won = Assert.Single(claims, c => c.State == SubmissionClaimState.Claimed);
        Assert.All(claims.Where(c => c != won), c => Assert.Equal((SubmissionClaimState.Held, _clock.GetUtcNow() + Lease), (c.State, c.HeldUntil)));
        Assert.Null(await _ledger.FindAsync(_jobId, 2, 0, CancellationToken.None));

        await _ledger.RecordAsync(_jobId, 2, 0, "piapi", new SubmittedTask(ProviderTaskStatus.Pending("task-2"), Prompt), CancellationToken.None);

        Assert.Equal(SubmissionClaimState.Answered, (await _ledger.ClaimAsync(_jobId, 2, 0, Lease, CancellationToken.None)).State);
        Assert.Equal(SubmissionClaimState.Claimed, (await _ledger.ClaimAsync(_jobId, 2, 1, Lease, CancellationToken.None)).State);
    }

    /// <summary>A run that died before the provider's answer was recorded holds the attempt back until its claim lapses, then one run takes it.</summary>
    [Fact]
    public async Task ALapsedClaim_IsTakenOverByOneRun()
    {
        await _ledger.ClaimAsync(_jobId, 4, 0, Lease, CancellationToken.None);
        _clock.Advance(Lease - TimeSpan.FromSeconds(1));
        Assert.Equal(SubmissionClaimState.Held, (await _ledger.ClaimAsync(_jobId, 4, 0, Lease, CancellationToken.None)).State);

        _clock.Advance(TimeSpan.FromSeconds(2));
        var takeovers = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => _ledger.ClaimAsync(_jobId, 4, 0, Lease, CancellationToken.None)));

        Assert.Single(takeovers, c => c.State == SubmissionClaimState.Claimed);
    }

    /// <summary>A submission not accepted withdraws its run's claim, so a run again sends at once; a claim taken over since is not withdrawn.</summary>
    [Fact]
    public async Task AWithdrawnClaim_FreesTheAttempt_ButOnlyItsHoldersWithdrawalCounts()
    {
        var first = await _ledger.ClaimAsync(_jobId, 5, 0, Lease, CancellationToken.None);
        await _ledger.ReleaseClaimAsync(_jobId, 5, 0, first.Holder, CancellationToken.None);
        var second = await _ledger.ClaimAsync(_jobId, 5, 0, Lease, CancellationToken.None);
        Assert.Equal(SubmissionClaimState.Claimed, second.State);

        await _ledger.ReleaseClaimAsync(_jobId, 5, 0, first.Holder, CancellationToken.None);

        Assert.Equal(SubmissionClaimState.Held, (await _ledger.ClaimAsync(_jobId, 5, 0, Lease, CancellationToken.None)).State);
    }

    /// <summary>A run waiting minutes for the provider's answer keeps its claim by renewing it; only the holder can.</summary>
    [Fact]
    public async Task ARenewedClaim_OutlastsItsFirstLease_AndOnlyItsHolderRenewsIt()
    {
        var claim = await _ledger.ClaimAsync(_jobId, 6, 0, Lease, CancellationToken.None);
        _clock.Advance(Lease - TimeSpan.FromSeconds(1));

        Assert.True(await _ledger.RenewClaimAsync(_jobId, 6, 0, claim.Holder, Lease, CancellationToken.None));
        Assert.False(await _ledger.RenewClaimAsync(_jobId, 6, 0, "another run", Lease, CancellationToken.None));
        _clock.Advance(TimeSpan.FromSeconds(2));

        Assert.Equal(SubmissionClaimState.Held, (await _ledger.ClaimAsync(_jobId, 6, 0, Lease, CancellationToken.None)).State);
        await _ledger.RecordAsync(_jobId, 6, 0, "piapi", new SubmittedTask(ProviderTaskStatus.Pending("task-6"), Prompt), CancellationToken.None);
        Assert.False(await _ledger.RenewClaimAsync(_jobId, 6, 0, claim.Holder, Lease, CancellationToken.None));
    }
}
