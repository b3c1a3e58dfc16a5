using System.Text.Json;
using GenImageFactory.Domain.Jobs;
using GenImageFactory.Pipeline.Activities;
using GenImageFactory.Pipeline.Generations;
using GenImageFactory.Pipeline.Models;
using GenImageFactory.Pipeline.Orchestrations;
using GenImageFactory.Pipeline.Ports;

namespace GenImageFactory.Pipeline.Tests.Orchestrations;

/// <summary>
/// A batch of generations on a scripted context: how many run at once under the job's cap and the provider's
/// slots, when an ending generation's slot goes to the next one, and what the batch gives back at its end.
/// Every test drives the orchestration itself (completing generations, firing timers) with no synchronization
/// context, so each completion runs the orchestration on, synchronously, to its next wait.
/// </summary>
public sealed class RunGenerationBatchOrchestratorTests
{
    private const string JobId = "20261126-120000000-abcd";

    [Fact]
    public Task ALoneJob_RunsAtMostTheProviderCap_AndHandsEachEndingSlotToTheNextGeneration() => Batch.RunAsync(() =>
    {
        // The job would run 3 at once; the provider's cap of 2 is all the exchange grants, and nobody else waits.
        var batch = new Batch(count: 6, maxConcurrency: 3);
        batch.Exchange = batch.UpTo(2, othersWaiting: false, entitled: 2);
        batch.Start();
        Assert.Equal([0, 1], batch.PendingIndexes);
        Assert.Single(batch.Exchanges);

        for (var ended = 0; ended < 6; ended++)
        {
            var started = batch.Context.SubOrchestrations.Count;
            var exchanges = batch.Exchanges.Count;
            batch.Complete(ended);
            Assert.InRange(batch.PendingIndexes.Count, 0, 2);
            if (ended + 2 < 6)
            {
                // The ending generation's slot went to the next one at once, with no exchange in between.
                Assert.Equal(started + 1, batch.Context.SubOrchestrations.Count);
                Assert.Equal(exchanges, batch.Exchanges.Count);
                Assert.Equal([ended + 1, ended + 2], batch.PendingIndexes);
            }
        }

        var result = batch.Result;
        var generations = batch.Context.SubOrchestrations;
        Assert.Equal([0, 1, 2, 3, 4, 5], generations.Select(g => Assert.IsType<GenerationInput>(g.Input).GenerationIndex));
        Assert.All(generations, g => Assert.Equal(nameof(RunGenerationOrchestrator), g.Name));
        Assert.Equal(Enumerable.Range(0, 6).Select(i => GenerationInput.InstanceIdFor(JobId, i)), generations.Select(g => g.InstanceId));
        Assert.Equal(6, result.Tally.Completed);
        Assert.Equal(0, result.Tally.Failed);
        Assert.Equal(6, result.Tally.Images);
        batch.AssertOnlyExpectedSteps();
    });

    [Fact]
    public Task AGenerationWhoseTaskEnded_GivesItsSlotToTheNextWhileItsImagesAreReviewed() => Batch.RunAsync(() =>
    {
        var batch = new Batch(count: 4, maxConcurrency: 2);
        batch.Exchange = batch.UpTo(2, othersWaiting: false, entitled: 2);
        batch.Start();
        Assert.Equal([0, 1], batch.PendingIndexes);
        Assert.All(batch.Context.Calls.Select(c => c.Input).OfType<SubmitGenerationRequest>(), r => Assert.Equal(batch.Context.InstanceId, r.Batch));
        var exchanges = batch.Exchanges.Count;

        // Generation 0's step says its task ended: its slot goes to generation 2 at once, while 0 still runs.
        batch.TaskEnded(0);
        Assert.Equal([0, 1, 2], batch.PendingIndexes);
        Assert.Equal(exchanges, batch.Exchanges.Count);

        // Said again (the step ran twice), or said by a generation that never started: nothing more starts.
        batch.TaskEnded(0);
        batch.TaskEnded(3);
        Assert.Equal(3, batch.Context.SubOrchestrations.Count);

        // Generation 0 ends: its slot went already, so nothing starts, and the next exchange no longer names it.
        batch.Complete(0);
        Assert.Equal([1, 2], batch.PendingIndexes);
        batch.FireTimer();
        Assert.Equal([Holder(1), Holder(2)], batch.Exchanges[^1].Request.Running.Order(StringComparer.Ordinal));
        // Two hold slots, the job's cap: generation 3 does not even wait for one yet.
        Assert.Empty(batch.Exchanges[^1].Request.Waiting);

        var result = batch.Finish();
        Assert.Equal(4, result.Tally.Completed);
        Assert.Equal([0, 1, 2, 3], batch.Context.SubOrchestrations.Select(g => Assert.IsType<GenerationInput>(g.Input).GenerationIndex));
        Assert.All(batch.Context.SubOrchestrations, g => Assert.Equal(batch.Context.InstanceId, ((GenerationInput)g.Input!).Batch));
        batch.AssertOnlyExpectedSteps();
    });

    [Fact]
    public Task AnEndedTasksCost_CountsTowardsTheSpendLimit_BeforeItsGenerationEnds() => Batch.RunAsync(() =>
    {
        var batch = new Batch(count: 5, maxConcurrency: 1, maxSpend: 0.03m);
        batch.Exchange = batch.UpTo(1, othersWaiting: false, entitled: 1);
        batch.Start();

        // $0.02 reported: under the limit, so the slot goes to generation 1.
        batch.TaskEnded(0, spend: 0.02m);
        Assert.Equal([0, 1], batch.PendingIndexes);

        // Another $0.02 reaches the limit while both still review their images: nothing more starts.
        batch.TaskEnded(1, spend: 0.02m);
        Assert.Equal([0, 1], batch.PendingIndexes);
        batch.Complete(0, Batch.Succeeded(0) with { Spend = 0.02m });
        batch.Complete(1, Batch.Succeeded(1) with { Spend = 0.02m });

        var result = batch.Result;
        Assert.Equal(2, batch.Context.SubOrchestrations.Count);
        Assert.Equal(0.04m, result.Tally.Spend);
        Assert.StartsWith("Spend limit reached: the provider reported $0.04 against maxSpend $0.03", result.Tally.Stopped);
        batch.AssertOnlyExpectedSteps();
    });

    [Fact]
    public Task EndedGenerations_AreFiledASliceAtATime_InOrder_AndTheEndFilesTheRest() => Batch.RunAsync(() =>
    {
        var slice = RunGenerationBatchOrchestrator.FilingSlice;
        var batch = new Batch(count: slice * 2 + 5, maxConcurrency: slice * 2 + 5);
        batch.Exchange = batch.UpTo(slice * 2 + 5, othersWaiting: false, entitled: slice * 2 + 5);
        var filing = new TaskCompletionSource<FileBatchImagesRequest>();
        batch.Filing = _ => filing.Task;
        batch.Start();

        // All but generation 0 of the first slice end: nothing is filed, since filing goes in generation order.
        for (var i = 1; i < slice; i++)
        {
            batch.Complete(i);
        }
        Assert.Empty(batch.Filings);
        batch.Complete(0);
        Assert.Equal([(0, slice)], batch.Filings.Select(f => (f.FirstGeneration, f.Count)));

        // The next slice ends while that filing still runs: it waits for it (one filing at a time).
        for (var i = slice; i < slice * 2; i++)
        {
            batch.Complete(i);
        }
        Assert.Single(batch.Filings);
        filing.SetResult(batch.Filings[0]);
        batch.Filing = request => request;
        batch.Complete(slice * 2);
        Assert.Equal([(0, slice), (slice, slice + 1)], batch.Filings.Select(f => (f.FirstGeneration, f.Count)));

        // The rest, fewer than a slice, is filed at the end.
        var result = batch.Finish();
        Assert.Equal([(0, slice), (slice, slice + 1), (slice * 2 + 1, 4)], batch.Filings.Select(f => (f.FirstGeneration, f.Count)));
        Assert.True(result.ImagesFiled);
        batch.AssertOnlyExpectedSteps();
    });

    [Fact]
    public Task AFailedFiling_SaysTheBatchsImagesAreNotAllFiled() => Batch.RunAsync(() =>
    {
        var batch = new Batch(count: 3, maxConcurrency: 3);
        batch.Exchange = batch.UpTo(3, othersWaiting: false, entitled: 3);
        batch.Filing = _ => throw new InvalidOperationException("storage down");
        batch.Start();

        var result = batch.Finish();

        Assert.Equal([(0, 3)], batch.Filings.Select(f => (f.FirstGeneration, f.Count)));
        Assert.False(result.ImagesFiled);
        Assert.Equal(3, result.Tally.Completed);
    });

    [Fact]
    public Task AGenerationWhoseFirstStepEndsIt_NeedsNoOrchestrationOfItsOwn_AndOneStillPendingGoesOnFromThatStep() => Batch.RunAsync(() =>
    {
        var batch = new Batch(count: 4, maxConcurrency: 2);
        batch.Exchange = batch.UpTo(2, othersWaiting: false, entitled: 2);
        var line = new JobLogEntry("g0002-001", DateTime.UnixEpoch, JobLogLevel.Info, "Generation 2: stored.", 2);
        // Generation 2's task ends within its first step; every other one is still pending at the step's end.
        batch.Submit = request => request.GenerationIndex == 2
            ? Batch.StillPending(request) with
            {
                Polled = new(ProviderTaskStatus.Completed("t2", ["https://img.example/2.png"]) with { Cost = 0.02m }, new StoredImages(["image-2a", "image-2b"], null)) { Unwritten = [line] },
            }
            : Batch.StillPending(request);
        batch.Start();

        var result = batch.Finish();

        Assert.Equal(4, result.Tally.Completed);
        Assert.Equal(5, result.Tally.Images);
        Assert.Equal(0.02m, result.Tally.Spend);
        Assert.Equal([0, 1, 2, 3], batch.Context.Calls.Select(c => c.Input).OfType<SubmitGenerationRequest>().Select(r => r.GenerationIndex));
        // The pending ones went on as their own orchestrations, from the step the batch took (not submitting again).
        Assert.Equal([0, 1, 3], batch.Context.SubOrchestrations.Select(g => Assert.IsType<GenerationInput>(g.Input).GenerationIndex));
        Assert.All(batch.Context.SubOrchestrations, g =>
        {
            var input = (GenerationInput)g.Input!;
            Assert.Equal($"t{input.GenerationIndex}", input.First?.Step.Status.TaskId);
            Assert.Equal(batch.FirstStepOf(input.GenerationIndex).At, input.First!.At);
        });
        // The lines the ended generation's step could not write reach the job's log with the batch's progress.
        Assert.Contains(line, batch.Progress.SelectMany(p => p.Log));
        batch.AssertOnlyExpectedSteps();
    });

    [Fact]
    public Task AFirstStepThatGaveWayAsItsJobEnded_StartsNoOrchestrationToPollOn() => Batch.RunAsync(() =>
    {
        var batch = new Batch(count: 2, maxConcurrency: 2);
        batch.Exchange = batch.UpTo(2, othersWaiting: false, entitled: 2);
        batch.Submit = request => Batch.StillPending(request) with { Polled = new(ProviderTaskStatus.Pending($"t{request.GenerationIndex}"), null) { JobEnded = true } };
        batch.Start();

        var result = batch.Finish();

        Assert.Empty(batch.Context.SubOrchestrations);
        Assert.Equal((2, 0), (result.Tally.Failed, result.Tally.Images));
        batch.AssertOnlyExpectedSteps();
    });

    [Fact]
    public Task AGenerationWhoseStepKeptFailing_CountsAsFailed_AndTheJobsLogSaysWhy() => Batch.RunAsync(() =>
    {
        var batch = new Batch(count: 3, maxConcurrency: 3);
        batch.Exchange = batch.UpTo(3, othersWaiting: false, entitled: 3);
        // Generation 1's step throws (after the engine's retries), the others go on as their own orchestrations.
        batch.Submit = request => request.GenerationIndex == 1 ? throw new InvalidOperationException("storage down") : Batch.StillPending(request);
        batch.Start();

        var result = batch.Finish();

        Assert.Equal((3, 1, 2), (result.Tally.Completed, result.Tally.Failed, result.Tally.Images));
        var failure = Assert.Single(result.Tally.Failures);
        Assert.Equal(1, failure.GenerationIndex);
        Assert.Contains("storage down", failure.Reason);
        var line = Assert.Single(batch.Progress.SelectMany(p => p.Log));
        Assert.Equal((JobLogLevel.Error, 1), (line.Level, line.GenerationIndex));
        Assert.StartsWith("Generation 1: The generation failed unexpectedly", line.Message);
        Assert.Contains("storage down", line.Message);
        batch.AssertOnlyExpectedSteps();
    });

    [Fact]
    public Task AStepAnsweredByAnotherStep_AsAfterACrash_IsCalledAgain_AndTheBatchCountsItsOwnAnswer() => Batch.RunAsync(() =>
    {
        var batch = new Batch(count: 2, maxConcurrency: 2);
        batch.Exchange = batch.UpTo(2, othersWaiting: false, entitled: 2);
        // Each generation's task ends within its first step: generation 0 with three images, generation 1 with one.
        static SubmittedGeneration Ended(SubmitGenerationRequest request, int images) => Batch.StillPending(request) with
        {
            Polled = new(ProviderTaskStatus.Completed($"t{request.GenerationIndex}", ["https://img.example/x.png"]),
                new StoredImages([.. Enumerable.Range(0, images).Select(i => $"image-{request.GenerationIndex}-{i}")], null)),
        };
        var generationOneCalls = 0;
        // Generation 1's first call gets generation 0's answer (a lost episode gave its sequence number to that step),
        // its second one an answer of another shape (a slot grant's); its third, its own.
        batch.Submit = request => request.GenerationIndex == 0 ? Ended(request, 3) : ++generationOneCalls switch
        {
            1 => Ended(request with { GenerationIndex = 0 }, 3) with { Answers = (request with { GenerationIndex = 0 }).StepKey() },
            2 => Task.FromException<SubmittedGeneration>(new JsonException("not a SubmittedGeneration")),
            _ => Ended(request, 1),
        };
        batch.Start();

        var result = batch.Finish();

        Assert.Equal(3, generationOneCalls);
        Assert.Equal((2, 0, 4), (result.Tally.Completed, result.Tally.Failed, result.Tally.Images));
        Assert.Empty(batch.Context.SubOrchestrations);
        batch.AssertOnlyExpectedSteps();
    });

    [Fact]
    public Task ProgressWrites_AreAnIntervalApart_AndProgressHeldBackIsWrittenWhenItIsOver() => Batch.RunAsync(() =>
    {
        var batch = new Batch(count: 4, maxConcurrency: 4);
        batch.Exchange = batch.UpTo(4, othersWaiting: false, entitled: 4);
        batch.Start();
        var started = batch.Context.CurrentUtcDateTime;

        // Three generations end at once: the first ending's progress goes out, the rest waits for the interval.
        batch.Complete(0);
        batch.Complete(1);
        batch.Complete(2);
        Assert.Equal([JobProgress.WhileGenerating(1, 4)], batch.Progress.Select(p => p.Progress));

        // Nothing else happens: the wake set for the interval's end writes what was held back.
        batch.FireTimer();
        Assert.Equal([JobProgress.WhileGenerating(1, 4), JobProgress.WhileGenerating(3, 4)], batch.Progress.Select(p => p.Progress));
        var writes = batch.Context.Calls.Where(c => c.Input is RecordJobProgressRequest).Select(c => c.At).ToList();
        Assert.Equal(started + RunGenerationBatchOrchestrator.ProgressWriteInterval, writes[1]);

        // The batch's end writes its last counts whatever the interval.
        batch.Complete(3);
        Assert.Equal(4, batch.Progress[^1].TotalImages);
        Assert.Equal(4, batch.Result.Tally.Completed);
        batch.AssertOnlyExpectedSteps();
    });

    [Fact]
    public Task AProviderThatCallsBack_CallsTheBatch_WhichPollsEachTaskOnceWhenItsCallComes_WithNoOrchestrationPerGeneration() => Batch.RunAsync(() =>
    {
        var batch = new Batch(count: 3, maxConcurrency: 3);
        batch.Exchange = batch.UpTo(3, othersWaiting: false, entitled: 3);
        // Generation 2's submission is answered late: its call comes first.
        var lateSubmission = new TaskCompletionSource<SubmittedGeneration>();
        batch.Submit = request => request.GenerationIndex == 2 ? lateSubmission.Task : batch.CalledBack(request);
        batch.Start();

        Assert.All(batch.Context.Calls.OfType<ScriptedCall>().Select(c => c.Input).OfType<SubmitGenerationRequest>(), r => Assert.Equal(batch.Context.InstanceId, r.Wake));
        Assert.Empty(batch.Polls);
        batch.Call("t1");
        Assert.Equal(["t1"], batch.Polls.Select(p => p.TaskId));
        batch.Call("t2");
        lateSubmission.SetResult(batch.CalledBack((SubmitGenerationRequest)batch.FirstStepOf(2).Input!));
        Assert.Equal(["t1", "t2"], batch.Polls.Select(p => p.TaskId));
        // A call twice, or for a task this batch does not wait on, polls nothing.
        batch.Call("t1");
        batch.Call("elsewhere");
        Assert.Equal(2, batch.Polls.Count);
        batch.Call("t0");

        var result = batch.Result;
        Assert.Equal(["t1", "t2", "t0"], batch.Polls.Select(p => p.TaskId));
        Assert.All(batch.Polls, p => Assert.Equal(TimeSpan.Zero, p.PollFor));
        Assert.Equal(3, result.Tally.Completed);
        Assert.Equal(3, result.Tally.Images);
        Assert.Empty(batch.Context.SubOrchestrations);
        batch.AssertOnlyExpectedSteps();
    });

    [Fact]
    public Task ATaskWhoseCallNeverComes_IsPolledAtTheSafetyNet_AndGoesOnAsItsOwnOrchestration_PollingWhenStillPending() => Batch.RunAsync(() =>
    {
        var batch = new Batch(count: 1, maxConcurrency: 1);
        batch.Exchange = batch.UpTo(1, othersWaiting: false, entitled: 1);
        batch.Submit = batch.CalledBack;
        batch.Poll = request => new PolledGeneration(ProviderTaskStatus.Pending(request.TaskId, "processing"), null);
        batch.Start();
        var submittedAt = batch.FirstStepOf(0).At;

        while (batch.Polls.Count == 0)
        {
            batch.FireTimer();
        }

        // No call came: the batch polled at the safety net's time, and the task still runs, so the generation goes on
        // as its own orchestration, polling (the provider would call the batch, not it).
        Assert.Equal(submittedAt + RunGenerationOrchestrator.MinSafetyNetInterval, batch.Context.CurrentUtcDateTime);
        var first = Assert.IsType<GenerationInput>(batch.Generation(0).Input).First;
        Assert.NotNull(first);
        Assert.False(first.Step.Woken);
        Assert.Equal("processing", first.Step.Polled?.Status.ProviderStatus);
        Assert.Equal(submittedAt, first.At);
        Assert.Equal(1, batch.Finish().Tally.Completed);
        batch.AssertOnlyExpectedSteps();
    });

    [Fact]
    public Task AJobAtItsFairShare_WithOthersWaiting_GivesAnEndingSlotBack_AndStartsTheNextOnlyOnAGrant() => Batch.RunAsync(() =>
    {
        // Alone at first, the job takes the whole cap of 2.
        var batch = new Batch(count: 4, maxConcurrency: 3);
        batch.Exchange = batch.UpTo(2, othersWaiting: false, entitled: 2);
        batch.Start();
        Assert.Equal([0, 1], batch.PendingIndexes);

        // Another job arrives: at the next tick the exchange says it waits, and this job's share is 1.
        batch.Exchange = batch.UpTo(2, othersWaiting: true, entitled: 1);
        batch.FireTimer();
        Assert.Equal(2, batch.Exchanges.Count);
        Assert.Equal([0, 1], batch.PendingIndexes);

        // Generation 0 ends: the job still runs 1, its share (the count MayHandOver weighs is the one left running), so
        // the slot goes back to the pool at once, and the other job takes it.
        batch.Exchange = _ => batch.Grant(0, othersWaiting: true, entitled: 1);
        var ending = batch.Context.Steps.Count;
        batch.Complete(0);
        Assert.Equal([1], batch.PendingIndexes);
        Assert.Equal(2, batch.Context.SubOrchestrations.Count);
        var giveBack = batch.Exchanges[^1].Request;
        Assert.Equal(3, batch.Exchanges.Count);
        Assert.Equal([Holder(1)], giveBack.Running);
        Assert.Equal([Holder(2), Holder(3)], giveBack.Waiting);
        Assert.DoesNotContain(Holder(0), giveBack.Running.Concat(giveBack.Waiting));

        // At the next tick a slot is this job's again: generation 2 starts right after the exchange that granted it.
        batch.Exchange = batch.UpTo(2, othersWaiting: true, entitled: 1);
        batch.FireTimer();
        Assert.Equal([1, 2], batch.PendingIndexes);
        var start = batch.Context.Steps.IndexOf(batch.FirstStepOf(2));
        var granting = Assert.IsType<ScriptedCall>(batch.Context.Steps[start - 1]);
        Assert.Equal(nameof(ExchangeProviderSlotsActivity), granting.Name);
        Assert.Equal(1, batch.Exchanges.Single(e => ReferenceEquals(e.Request, granting.Input)).Grant?.Granted);
        // Between generation 0 ending and generation 2 starting nothing else started: only exchanges and progress writes ran.
        Assert.All(batch.Context.Steps.Skip(ending).Take(start - ending),
            step => Assert.NotEqual(nameof(SubmitGenerationActivity), Assert.IsType<ScriptedCall>(step).Name));

        batch.Exchange = batch.UpTo(2, othersWaiting: false, entitled: 2);
        var result = batch.Finish();
        Assert.Equal(4, result.Tally.Completed);
        Assert.Equal([0, 1, 2, 3], batch.Context.SubOrchestrations.Select(g => Assert.IsType<GenerationInput>(g.Input).GenerationIndex));
        batch.AssertOnlyExpectedSteps();
    });

    [Fact]
    public Task AJobBelowItsFairShare_WithOthersWaiting_HandsAnEndingSlotToItsNextGeneration() => Batch.RunAsync(() =>
    {
        // The cap is shared with a job that waits; this one's share is 2 and it holds 2.
        var batch = new Batch(count: 4, maxConcurrency: 3);
        batch.Exchange = batch.UpTo(2, othersWaiting: true, entitled: 2);
        batch.Start();
        Assert.Equal([0, 1], batch.PendingIndexes);
        var exchanges = batch.Exchanges.Count;
        var ending = batch.Context.Steps.Count;

        // Generation 0 ends: running 1 against a share of 2, so its slot goes straight to generation 2, with no exchange first.
        batch.Complete(0);
        Assert.Equal([1, 2], batch.PendingIndexes);
        Assert.Equal(exchanges, batch.Exchanges.Count);
        Assert.Same(batch.FirstStepOf(2), batch.Context.Steps.Skip(ending).First());

        // The next exchange (within a tick) names the new holder as running.
        batch.FireTimer();
        var renewal = batch.Exchanges[exchanges].Request;
        Assert.Equal([Holder(1), Holder(2)], renewal.Running.Order(StringComparer.Ordinal));
        Assert.Equal([Holder(3)], renewal.Waiting);

        var result = batch.Finish();
        Assert.Equal(4, result.Tally.Completed);
        batch.AssertOnlyExpectedSteps();
    });

    [Fact]
    public Task AJobWaitingForASlot_AsksAtOnce_WhenAnotherJobLeavesOneFree() => Batch.RunAsync(() =>
    {
        // Other jobs hold the whole cap: nothing starts, and the job's claim names this batch as the one to wake.
        var batch = new Batch(count: 3, maxConcurrency: 2);
        batch.Exchange = _ => batch.Grant(0, othersWaiting: true, entitled: 0);
        batch.Start();
        Assert.Empty(batch.PendingIndexes);
        Assert.Equal(batch.Context.InstanceId, Assert.Single(batch.Exchanges).Request.Asker);

        // Another job's exchange frees a slot and wakes this batch: it asks now, not at its next tick.
        batch.Exchange = batch.UpTo(1, othersWaiting: true, entitled: 0);
        batch.Context.RaiseEvent(RunGenerationBatchOrchestrator.SlotsFreedEvent, "piapi");
        Assert.Equal(2, batch.Exchanges.Count);
        Assert.Equal([0], batch.PendingIndexes);

        // Woken while an ask is under way (which may have read the slots before they came free): it asks once more right after.
        var answer = new TaskCompletionSource<SlotGrant>();
        batch.Exchange = _ => answer.Task;
        batch.FireTimer();
        Assert.Equal(3, batch.Exchanges.Count);
        batch.Context.RaiseEvent(RunGenerationBatchOrchestrator.SlotsFreedEvent, "piapi");
        batch.Exchange = batch.UpTo(2, othersWaiting: true, entitled: 0);
        answer.SetResult(batch.Grant(0, othersWaiting: true, entitled: 0));
        Assert.Equal(4, batch.Exchanges.Count);
        Assert.Equal([0, 1], batch.PendingIndexes);

        var result = batch.Finish();
        Assert.Equal(3, result.Tally.Completed);
        batch.AssertOnlyExpectedSteps();
    });

    [Fact]
    public Task ABatchStoppedEarly_ReleasesEverySlotAndClaimAtItsEnd() => Batch.RunAsync(() =>
    {
        var batch = new Batch(count: 6, maxConcurrency: 3);
        batch.Exchange = batch.UpTo(2, othersWaiting: false, entitled: 2);
        batch.Start();

        // A fatal problem: nothing new starts, and what runs is let finish.
        batch.Complete(0, Batch.Succeeded(0) with { FailureReason = "refused", Fatal = "Insufficient credits." });
        Assert.Equal([1], batch.PendingIndexes);
        batch.Complete(1);

        var result = batch.Result;
        Assert.Equal("Insufficient credits.", result.Tally.Fatal);
        Assert.Equal(2, result.Tally.Completed);
        Assert.Equal(2, batch.Context.SubOrchestrations.Count);
        // The job still claimed a slot for generation 2 at its last exchange: the end withdraws that and every slot.
        Assert.Contains(Holder(2), batch.Exchanges[^2].Request.Waiting);
        var release = batch.Exchanges[^1].Request;
        Assert.Empty(release.Running);
        Assert.Empty(release.Waiting);
        Assert.Equal(JobId, release.JobId);
        Assert.Equal("piapi", release.Provider);
        Assert.Same(release, batch.Context.Calls.Last(c => c.Name == nameof(ExchangeProviderSlotsActivity)).Input);
        batch.AssertOnlyExpectedSteps();
    });

    [Fact]
    public Task ASpareGrant_StartsNothingTwice_AndIsReleasedAtTheEnd() => Batch.RunAsync(() =>
    {
        var batch = new Batch(count: 3, maxConcurrency: 3);
        batch.Exchange = batch.UpTo(2, othersWaiting: false, entitled: 2);
        batch.Start();
        Assert.Equal([0, 1], batch.PendingIndexes);

        // The tick's exchange asks a slot for generation 2 and its answer is slow to come...
        var answer = new TaskCompletionSource<SlotGrant>();
        batch.Exchange = _ => answer.Task;
        batch.FireTimer();
        Assert.Equal([Holder(2)], batch.Exchanges[^1].Request.Waiting);

        // ...meanwhile generation 0 ends and hands its slot to generation 2.
        batch.Complete(0);
        Assert.Equal([1, 2], batch.PendingIndexes);

        // The grant for generation 2 comes: spare, it starts nothing.
        answer.SetResult(batch.Grant(1, othersWaiting: false, entitled: 2));
        Assert.Equal(3, batch.Context.SubOrchestrations.Count);

        batch.Exchange = batch.UpTo(2, othersWaiting: false, entitled: 2);
        batch.Complete(1);
        batch.Complete(2);
        var result = batch.Result;
        Assert.Equal(3, result.Tally.Completed);
        var release = batch.Exchanges[^1].Request;
        Assert.Empty(release.Running);
        Assert.Empty(release.Waiting);
        batch.AssertOnlyExpectedSteps();
    });

    [Fact]
    public Task ASpareGrant_StartsNoOtherGeneration_AndTheNextExchangeFreesIt() => Batch.RunAsync(() =>
    {
        var batch = new Batch(count: 4, maxConcurrency: 3);
        batch.Exchange = batch.UpTo(2, othersWaiting: false, entitled: 2);
        batch.Start();

        var answer = new TaskCompletionSource<SlotGrant>();
        batch.Exchange = _ => answer.Task;
        batch.FireTimer();
        batch.Complete(0);
        Assert.Equal([1, 2], batch.PendingIndexes);

        // The grant was for generation 2, which runs already: generation 3 must not take it (the cap is 2).
        batch.Exchange = batch.UpTo(2, othersWaiting: false, entitled: 2);
        answer.SetResult(batch.Grant(1, othersWaiting: false, entitled: 2));
        Assert.Equal([1, 2], batch.PendingIndexes);
        // The next exchange keeps what runs and lets the spare slot go (generation 0's is named nowhere).
        var next = batch.Exchanges[^1].Request;
        Assert.Equal([Holder(1), Holder(2)], next.Running.Order(StringComparer.Ordinal));
        Assert.Equal([Holder(3)], next.Waiting);

        var result = batch.Finish();
        Assert.Equal(4, result.Tally.Completed);
        Assert.Equal([0, 1, 2, 3], batch.Context.SubOrchestrations.Select(g => Assert.IsType<GenerationInput>(g.Input).GenerationIndex));
        batch.AssertOnlyExpectedSteps();
    });

    private static string Holder(int index) => GenerationInput.InstanceIdFor(JobId, index);

    /// <summary>
    /// One batch run: slot exchanges answered by <see cref="Exchange"/> (a result now, or a task completed later),
    /// progress writes answered with nothing, any other step refused and remembered; timers wait for the test.
    /// </summary>
    private sealed class Batch
    {
        public static readonly TimeSpan Lease = TimeSpan.FromSeconds(30);

        private readonly GenerationBatchInput _input;
        private readonly List<string> _unexpected = [];
        private Task<GenerationBatchResult>? _run;

        public Batch(int count, int maxConcurrency, decimal? maxSpend = null)
        {
            var settings = new GenerationSettings("piapi", "relax", 1, 2, 0, 500, MaxSpend: maxSpend);
            _input = new GenerationBatchInput(JobId, 0, count, new JobPlan(count, maxConcurrency, JobPlan.BatchSizeFor(maxConcurrency), settings), GenerationTally.Empty, 0);
            Context = new ScriptedOrchestrationContext((_, call) => Answer(call), timersWait: true);
        }

        public ScriptedOrchestrationContext Context { get; }

        public Func<ExchangeSlotsRequest, object> Exchange { get; set; } = _ => throw new InvalidOperationException("no exchange scripted");

        /// <summary>The answer to a generation's first step, taken by the batch; by default its task is still pending, so the generation goes on as a sub-orchestration.</summary>
        public Func<SubmitGenerationRequest, object> Submit { get; set; } = StillPending;

        public static SubmittedGeneration StillPending(SubmitGenerationRequest request) =>
            new SubmittedGeneration(ProviderTaskStatus.Pending($"t{request.GenerationIndex}"), []) { Prompt = new($"prompt {request.GenerationIndex}", "", "1:1") };

        /// <summary>Every exchange asked, with its answer (null while it is still to come).</summary>
        public List<(ExchangeSlotsRequest Request, SlotGrant? Grant)> Exchanges { get; } = [];

        public List<RecordJobProgressRequest> Progress { get; } = [];

        /// <summary>The polls the batch asked for itself (tasks whose provider calls back), each answered by <see cref="Poll"/>.</summary>
        public List<PollGenerationRequest> Polls { get; } = [];

        /// <summary>By default the task has completed and its images are stored.</summary>
        public Func<PollGenerationRequest, object> Poll { get; set; } = request =>
            new PolledGeneration(ProviderTaskStatus.Completed(request.TaskId, ["https://img.example/1.png"]), new StoredImages([$"{request.TaskId}-image"], null));

        /// <summary>A submission whose provider will call back about its task.</summary>
        public SubmittedGeneration CalledBack(SubmitGenerationRequest request) =>
            new(ProviderTaskStatus.Pending($"t{request.GenerationIndex}"), []) { Prompt = new($"prompt {request.GenerationIndex}", "", "1:1"), Woken = true };

        /// <summary>The provider's call about <paramref name="taskId"/>, raised to the batch as the webhook route does.</summary>
        public void Call(string taskId) => Context.RaiseEvent(RunGenerationOrchestrator.ProviderTaskChangedEvent, taskId);

        /// <summary>The filings asked for, each answered by <see cref="Filing"/>.</summary>
        public List<FileBatchImagesRequest> Filings { get; } = [];

        /// <summary>By default the slice is filed (the step answers with the slice it filed).</summary>
        public Func<FileBatchImagesRequest, object> Filing { get; set; } = request => request;

        public List<int> PendingIndexes =>
            [.. Context.SubOrchestrations.Where(g => g.IsPending).Select(g => ((GenerationInput)g.Input!).GenerationIndex)];

        public GenerationBatchResult Result
        {
            get
            {
                Assert.NotNull(_run);
                Assert.True(_run.IsCompletedSuccessfully, $"The batch has not ended ({_run.Status}).");
                return _run.GetAwaiter().GetResult();
            }
        }

        /// <summary>Runs a test's body with no synchronization context: completing a task runs the orchestration on at once.</summary>
        public static Task RunAsync(Action body) => Task.Run(body);

        /// <summary>An exchange that grants the waiting generations as far as <paramref name="slots"/> allow with those running.</summary>
        public Func<ExchangeSlotsRequest, object> UpTo(int slots, bool othersWaiting, int entitled) => request =>
            Grant(Math.Min(request.Waiting.Count, Math.Max(0, slots - request.Running.Count)), othersWaiting, entitled);

        public static GenerationOutcome Succeeded(int index) => new(index, $"prompt {index}", [$"image-{index}"], null);

        public SlotGrant Grant(int granted, bool othersWaiting, int entitled) =>
            new(granted, Context.CurrentUtcDateTime + Lease, othersWaiting, entitled);

        public void Start()
        {
            Assert.Null(_run);
            _run = new RunGenerationBatchOrchestrator().RunAsync(Context, _input);
        }

        public ScriptedSubOrchestration Generation(int index) =>
            Context.SubOrchestrations.Single(g => ((GenerationInput)g.Input!).GenerationIndex == index);

        /// <summary>The generation's first step, which the batch takes itself before the generation goes on as a sub-orchestration.</summary>
        public ScriptedCall FirstStepOf(int index) =>
            Context.Calls.Single(c => c.Input is SubmitGenerationRequest { Attempt: 0 } request && request.GenerationIndex == index);

        public void Complete(int index, GenerationOutcome? outcome = null)
        {
            var generation = Generation(index);
            Assert.True(generation.IsPending, $"generation {index} is not pending");
            generation.Complete(outcome ?? Succeeded(index));
        }

        /// <summary>A generation's step tells the batch its task has ended (its images are in storage).</summary>
        public void TaskEnded(int index, decimal spend = 0) => Context.RaiseEvent(RunGenerationBatchOrchestrator.ProviderTaskEndedEvent, new ProviderTaskEnd(index, spend));

        /// <summary>Fires the earliest timer still pending.</summary>
        public void FireTimer()
        {
            var timer = Context.PendingTimers.Where(t => t.IsPending).MinBy(t => t.FireAt);
            Assert.NotNull(timer);
            timer.Fire();
        }

        /// <summary>Lets the batch run out: generations end in the order they started, and timers fire when nothing else is left.</summary>
        public GenerationBatchResult Finish()
        {
            for (var steps = 0; !_run!.IsCompleted; steps++)
            {
                Assert.True(steps < 1000, "The batch does not end.");
                var pending = Context.SubOrchestrations.FirstOrDefault(g => g.IsPending);
                if (pending is not null)
                {
                    Complete(((GenerationInput)pending.Input!).GenerationIndex);
                }
                else
                {
                    FireTimer();
                }
            }
            return Result;
        }

        public void AssertOnlyExpectedSteps() => Assert.Empty(_unexpected);

        /// <summary>A generation step's answer says which step it answers, as the activities' do (unless the test said which).</summary>
        private static object Echo(object answer, string step) => answer switch
        {
            SubmittedGeneration { Answers: null } submitted => submitted with { Answers = step },
            PolledGeneration { Answers: null } polled => polled with { Answers = step },
            Task<SubmittedGeneration> { IsFaulted: true } => answer,
            Task<SubmittedGeneration> later => later.ContinueWith(t => t.Result.Answers is null ? t.Result with { Answers = step } : t.Result, TaskContinuationOptions.ExecuteSynchronously),
            _ => answer,
        };

        private object? Answer(ScriptedCall call)
        {
            switch (call.Input)
            {
                case ExchangeSlotsRequest request when call.Name == nameof(ExchangeProviderSlotsActivity):
                    var answer = Exchange(request);
                    var at = Exchanges.Count;
                    Exchanges.Add((request, answer as SlotGrant));
                    if (answer is Task<SlotGrant> later)
                    {
                        later.ContinueWith(t => Exchanges[at] = (request, t.Result), TaskContinuationOptions.ExecuteSynchronously);
                    }
                    return answer;
                case SubmitGenerationRequest request when call.Name == nameof(SubmitGenerationActivity):
                    return Echo(Submit(request), request.StepKey());
                case PollGenerationRequest request when call.Name == nameof(PollGenerationActivity):
                    Polls.Add(request);
                    return Echo(Poll(request), request.TaskId);
                case RecordJobProgressRequest request when call.Name == nameof(RecordJobProgressActivity):
                    Progress.Add(request);
                    return request.Fingerprint();
                case FileBatchImagesRequest request when call.Name == nameof(FileBatchImagesActivity):
                    Filings.Add(request);
                    return Filing(request);
                default:
                    _unexpected.Add($"{call.Name}: {call.Input}");
                    throw new InvalidOperationException($"unexpected step {call.Name}");
            }
        }
    }
}
