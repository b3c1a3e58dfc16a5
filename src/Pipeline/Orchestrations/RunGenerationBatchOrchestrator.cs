using GenImageFactory.Domain.Jobs;
using GenImageFactory.Pipeline.Activities;
using GenImageFactory.Pipeline.Generations;
using GenImageFactory.Pipeline.Models;
using Microsoft.DurableTask;

namespace GenImageFactory.Pipeline.Orchestrations;

/// <param name="Before">What the job's earlier batches produced (for job-wide counts and progress).</param>
/// <param name="ShownProgress">The progress the job record shows now; it never goes down.</param>
public sealed record GenerationBatchInput(string JobId, int First, int Count, JobPlan Plan, GenerationTally Before, int ShownProgress)
{
    public static string InstanceIdFor(string jobId, int first) => $"{jobId}:b{first:D4}";
}

/// <summary>
/// A generation's word to its batch that its task has ended and its images are in storage
/// (<see cref="RunGenerationBatchOrchestrator.ProviderTaskEndedEvent"/>), with what the provider reported the task cost,
/// so the spend limit counts it before the next generation starts.
/// </summary>
public sealed record ProviderTaskEnd(int GenerationIndex, decimal Spend);

/// <summary>What one batch produced, the progress it left on the record, and whether all its images were filed for search.</summary>
public sealed record GenerationBatchResult(GenerationTally Tally, int ShownProgress, bool ImagesFiled = false);

/// <summary>
/// A batch of a job's generations (each started by <see cref="GenerationStart"/>: its first step taken here, and a
/// sub-orchestration only when it needs more), with at most the job's <c>maxConcurrency</c>
/// in flight, and each holding one of the provider's account-wide slots (<see cref="JobSlots"/>): a new one
/// starts when one ends and the fairness rule gives this job the slot, else at a later tick. A generation's slot
/// comes free when its step tells the batch its task has ended and its images are in storage
/// (<see cref="ProviderTaskEndedEvent"/>), or when it ends if that word never came: the provider counts only
/// its tasks, so the images' review does not hold the slot.
/// </summary>
public sealed class RunGenerationBatchOrchestrator : TaskOrchestrator<GenerationBatchInput, GenerationBatchResult>
{
    /// <summary>
    /// The least time between two writes of the job's counts and progress while nothing else needs writing (log lines
    /// do): each write is a step with its queue messages and an episode, and the live log already moves the job's
    /// progress as generations' steps end, so counts lag this much at most.
    /// </summary>
    public static readonly TimeSpan ProgressWriteInterval = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Ended generations filed for search together while the batch runs (<see cref="FileBatchImagesActivity"/>, one filing
    /// at a time, in generation order): consecutive generations' images share most of their words, so a slice of this
    /// many (about a hundred images) writes each search key in about one transaction, and the batch's end has one
    /// slice at most left to file before the job can close.
    /// </summary>
    public const int FilingSlice = 25;

    /// <summary>Raised by a generation's step (a <see cref="ProviderTaskEnd"/>) once its task has ended and its images are in storage.</summary>
    public const string ProviderTaskEndedEvent = "ProviderTaskEnded";

    /// <summary>
    /// Raised by another job's slot exchange (the provider's name) when it leaves slots free for this batch's waiting
    /// generations (<see cref="Ports.SlotExchange.Wake"/>): the batch asks at once instead of at its next tick.
    /// </summary>
    public const string SlotsFreedEvent = "ProviderSlotsFreed";

    public override async Task<GenerationBatchResult> RunAsync(TaskOrchestrationContext context, GenerationBatchInput input)
    {
        var plan = input.Plan;
        var end = input.First + input.Count;
        var tally = GenerationTally.Empty;
        var inFlight = new Dictionary<Task<GenerationOutcome>, int>();
        // Generations still in flight whose task has ended, with its cost: their slots are free, their steps review the images.
        var taskEnded = new Dictionary<int, decimal>();
        Task<ProviderTaskEnd>? nextTaskEnded = null;
        Task<string>? nextSlotsFreed = null;
        Task? progressUpdate = null;
        var unwrittenLog = new List<JobLogEntry>();
        // The lines the running progress write carries: put back if it fails, so the next write takes them.
        IReadOnlyList<JobLogEntry> sending = [];
        var shownProgress = input.ShownProgress;
        var next = input.First;
        // Progress held back by the write interval: written when it is over (a wake is set for then) or at the end.
        var progressHeld = false;
        var nextProgressWrite = DateTime.MinValue;

        var filing = new BatchFiling(context, input.JobId, input.First, input.Count);

        var slots = new JobSlots(context, input.JobId, plan.Settings.Provider);
        using var wake = new WakeTimer(context);
        using var calls = new ProviderCallWaits(context);
        // A slot came free here (a generation ended and none took its slot, or a spare grant): the next ask returns it.
        var released = false;
        void Start()
        {
            var generation = new GenerationInput(input.JobId, next, plan.Settings, plan.TotalGenerations) { Batch = context.InstanceId };
            inFlight.Add(GenerationStart.RunAsync(context, generation, calls), next);
            next++;
        }
        // Generations holding a provider slot.
        int Running() => inFlight.Count - taskEnded.Count;
        // No new task once the reported spend, that of ended tasks whose generations still run included, reaches the limit.
        GenerationTally StopAtSpendLimit(GenerationTally t) =>
            t.StopAtSpendLimit(plan.Settings.MaxSpend, input.Before with { Spend = input.Before.Spend + taskEnded.Values.Sum() });
        bool MayStart() => tally.MayStartMore && next < end && Running() < plan.MaxConcurrency;
        // A generation's slot came free: to the job's next generation when the fairness rule allows, else back at the next ask.
        void SlotFreed()
        {
            if (slots.MayHandOver(Running()) && MayStart())
            {
                Start();
                slots.HandedOver();
            }
            else
            {
                released = true;
            }
        }
        int ProgressNow() => JobProgress.WhileGenerating(input.Before.Merge(tally).Completed, plan.TotalGenerations);

        while ((next < end && tally.MayStartMore) || inFlight.Count > 0 || slots.Asking is not null)
        {
            // After a fatal problem (no quota, a refused account) or at the spend limit nothing new starts;
            // what runs is let finish (its task is paid for already).
            tally = StopAtSpendLimit(tally);
            if (slots.Answered)
            {
                foreach (var index in await slots.GrantedAsync())
                {
                    // A slot granted to a generation that a handed-over slot started already is spare: the next ask frees it.
                    if (index == next && MayStart())
                    {
                        Start();
                    }
                    else
                    {
                        released = true;
                    }
                }
            }
            var waiting = tally.MayStartMore ? Math.Min(end - next, plan.MaxConcurrency - Running()) : 0;
            if (slots.ShouldAsk(released, waiting > 0))
            {
                // One exchange at a time: release what ended, renew what runs, take the slots fairly free for what waits.
                slots.Ask([.. inFlight.Values.Where(i => !taskEnded.ContainsKey(i))], [.. Enumerable.Range(next, waiting)]);
                released = false;
            }
            if (inFlight.Count == 0 && slots.Asking is null && waiting == 0)
            {
                continue;
            }

            // Wake for whichever comes first: a generation ending or its task, the exchange's answer, slots another job left
            // free, the next ask, the leases' renewal, held-back progress's time, or the progress write ending (lines that
            // waited for it then go out at once).
            var wakers = new List<Task>(inFlight.Keys);
            if (inFlight.Count > taskEnded.Count)
            {
                wakers.Add(nextTaskEnded ??= context.WaitForExternalEvent<ProviderTaskEnd>(ProviderTaskEndedEvent));
            }
            var wakeAt = slots.Asking is null ? slots.NextAskAt(released, waiting > 0) : DateTime.MaxValue;
            if (progressHeld && nextProgressWrite < wakeAt)
            {
                wakeAt = nextProgressWrite;
            }
            if (slots.Asking is not null)
            {
                wakers.Add(slots.Asking);
            }
            else if (waiting > 0)
            {
                wakers.Add(nextSlotsFreed ??= context.WaitForExternalEvent<string>(SlotsFreedEvent));
            }
            if (wakeAt != DateTime.MaxValue)
            {
                wakers.Add(wake.By(wakeAt));
            }
            if (progressUpdate is { IsCompleted: false })
            {
                wakers.Add(progressUpdate);
            }
            await Task.WhenAny(wakers);
            if (nextSlotsFreed is { IsCompleted: true })
            {
                nextSlotsFreed = null;
                slots.Woken();
            }
            if (nextTaskEnded is { IsCompleted: true })
            {
                // A step told twice (it ran again) or late (its generation ended first) changes nothing.
                var word = await nextTaskEnded;
                nextTaskEnded = null;
                if (inFlight.ContainsValue(word.GenerationIndex) && taskEnded.TryAdd(word.GenerationIndex, word.Spend))
                {
                    tally = StopAtSpendLimit(tally);
                    SlotFreed();
                }
            }
            foreach (var completed in inFlight.Keys.Where(t => t.IsCompleted).ToList())
            {
                var index = inFlight[completed];
                inFlight.Remove(completed);
                var outcome = await OutcomeOf(completed, index);
                // Its outcome counts the task's cost now (with any earlier attempt's, which the word did not carry).
                var slotFreedAlready = taskEnded.Remove(index);
                tally = StopAtSpendLimit(tally.Add(outcome));
                unwrittenLog.AddRange(outcome.Log);
                filing.Ended(index);
                if (!slotFreedAlready)
                {
                    SlotFreed();
                }
            }
            filing.FileReady(next);

            // One progress write at a time keeps them ordered without holding back the fan-out; a skipped value
            // is covered by the next one or by the end of the job.
            if (progressUpdate is { IsCompleted: false })
            {
                continue;
            }
            if (progressUpdate is { IsFaulted: true })
            {
                unwrittenLog.InsertRange(0, sending);
            }
            progressUpdate = null;
            var progress = ProgressNow();
            progressHeld = progress > shownProgress && context.CurrentUtcDateTime < nextProgressWrite && unwrittenLog.Count == 0;
            if ((progress > shownProgress || unwrittenLog.Count > 0) && !progressHeld)
            {
                shownProgress = Math.Max(shownProgress, progress);
                sending = [.. unwrittenLog];
                progressUpdate = RecordProgress(context, input, tally, shownProgress, unwrittenLog);
                nextProgressWrite = context.CurrentUtcDateTime + ProgressWriteInterval;
            }
        }
        // The last slice is filed while the batch lets its slots go and writes its last progress.
        await filing.FileTheRestAsync(next);
        if (slots.MayHoldAny)
        {
            // A spare grant or a claim left by a batch that stopped early.
            await slots.ReleaseAllAsync();
        }

        if (progressUpdate is not null)
        {
            try
            {
                await progressUpdate;
            }
            catch (TaskFailedException)
            {
                unwrittenLog.InsertRange(0, sending);
            }
        }
        var shown = Math.Max(shownProgress, ProgressNow());
        if (unwrittenLog.Count > 0 || shown > shownProgress)
        {
            shownProgress = shown;
            await RecordProgress(context, input, tally, shownProgress, unwrittenLog);
        }
        return new GenerationBatchResult(tally, shownProgress, await filing.AllFiledAsync());
    }

    /// <summary>Writes job-wide progress and counts with the log lines gathered since the last write (and clears them).</summary>
    private static Task RecordProgress(TaskOrchestrationContext context, GenerationBatchInput input, GenerationTally tally, int progress, List<JobLogEntry> log)
    {
        var jobWide = input.Before.Merge(tally);
        var request = new RecordJobProgressRequest(input.JobId, progress, jobWide.Failed, jobWide.Images, jobWide.ApprovedImages, jobWide.FailedImages, [.. log])
        {
            Spend = jobWide.Spend,
            Credits = jobWide.Credits,
        };
        log.Clear();
        return OwnAnswers.CallAsync<string>(context, nameof(RecordJobProgressActivity), request, StorageRetry.Options, written => written == request.Fingerprint());
    }

    /// <summary>A generation's outcome; one whose step kept failing (after its retries) failed, and the job's log says why.</summary>
    private static async Task<GenerationOutcome> OutcomeOf(Task<GenerationOutcome> generation, int index)
    {
        try
        {
            return await generation;
        }
        catch (TaskFailedException ex)
        {
            var reason = $"The generation failed unexpectedly: {ex.FailureDetails.ErrorMessage}";
            return new GenerationOutcome(index, "", [], reason) { Log = [GenerationLines.FailedUnexpectedly(index, reason)] };
        }
    }
}
