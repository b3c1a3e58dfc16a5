using GenImageFactory.Domain.Jobs;
using GenImageFactory.Pipeline.Activities;
using GenImageFactory.Pipeline.Models;
using Microsoft.DurableTask;

namespace GenImageFactory.Pipeline.Orchestrations;

/// <param name="Before">What the job's earlier batches produced (for job-wide counts and progress).</param>
/// <param name="ShownProgress">The progress the job record shows now; it never goes down.</param>
public sealed record GenerationBatchInput(string JobId, int First, int Count, JobPlan Plan, GenerationTally Before, int ShownProgress)
{
    public static string InstanceIdFor(string jobId, int first) => $"{jobId}:b{first:D4}";
}

/// <summary>What one batch produced, and the progress it left on the record.</summary>
public sealed record GenerationBatchResult(GenerationTally Tally, int ShownProgress);

/// <summary>
/// A batch of a job's generations, each its own sub-orchestration, with at most the job's <c>maxConcurrency</c>
/// in flight, and each holding one of the provider's account-wide slots (<see cref="JobSlots"/>): a new one
/// starts when one ends and the fairness rule gives this job the slot, else at a later tick.
/// </summary>
public sealed class RunGenerationBatchOrchestrator : TaskOrchestrator<GenerationBatchInput, GenerationBatchResult>
{
    public override async Task<GenerationBatchResult> RunAsync(TaskOrchestrationContext context, GenerationBatchInput input)
    {
        var plan = input.Plan;
        var end = input.First + input.Count;
        var tally = GenerationTally.Empty;
        var inFlight = new Dictionary<Task<GenerationOutcome>, int>();
        Task? progressUpdate = null;
        var unwrittenLog = new List<JobLogEntry>();
        // The lines the running progress write carries: put back if it fails, so the next write takes them.
        IReadOnlyList<JobLogEntry> sending = [];
        var shownProgress = input.ShownProgress;
        var next = input.First;

        var slots = new JobSlots(context, input.JobId, plan.Settings.Provider);
        var ended = false;
        while ((next < end && tally.MayStartMore) || inFlight.Count > 0)
        {
            // After a fatal problem (no quota, a refused account) or at the spend limit nothing new starts;
            // what runs is let finish (its task is paid for already).
            tally = tally.StopAtSpendLimit(plan.Settings.MaxSpend, input.Before);
            var waiting = tally.MayStartMore ? Math.Min(end - next, plan.MaxConcurrency - inFlight.Count) : 0;
            if (waiting > 0 || ended || slots.RenewalDue)
            {
                // One exchange per tick: release what ended, renew what runs, take the slots fairly free for what waits.
                var granted = await slots.ExchangeAsync(inFlight.Values, Enumerable.Range(next, Math.Max(0, waiting)));
                ended = false;
                for (var i = 0; i < granted; i++, next++)
                {
                    var generation = new GenerationInput(input.JobId, next, plan.Settings);
                    var options = new SubOrchestrationOptions { InstanceId = GenerationInput.InstanceIdFor(input.JobId, next) };
                    inFlight.Add(context.CallSubOrchestratorAsync<GenerationOutcome>(nameof(RunGenerationOrchestrator), generation, options), next);
                }
                waiting -= granted;
            }

            if (inFlight.Count == 0)
            {
                if (waiting > 0)
                {
                    await DurableDelay.UntilAsync(context, context.CurrentUtcDateTime + JobSlots.Tick);
                }
                continue;
            }
            // Wake for whichever comes first: a generation ending, the next ask for a slot, or the leases' renewal.
            using var timerCancellation = new CancellationTokenSource();
            var wake = waiting > 0 ? context.CurrentUtcDateTime + JobSlots.Tick : slots.RenewBy;
            var timer = DurableDelay.UntilAsync(context, wake, timerCancellation.Token);
            var first = await Task.WhenAny(inFlight.Keys.Append(timer));
            if (first == timer)
            {
                continue;
            }
            timerCancellation.Cancel();
            foreach (var done in inFlight.Keys.Where(t => t.IsCompleted).ToList())
            {
                var index = inFlight[done];
                inFlight.Remove(done);
                var outcome = await OutcomeOf(done, index);
                tally = tally.Add(outcome);
                unwrittenLog.AddRange(outcome.Log);
                ended = true;
            }

            // One progress write at a time keeps them ordered (progress never goes down) without holding
            // back the fan-out; a skipped value is covered by the next one or by the end of the job.
            var progress = JobProgress.WhileGenerating(input.Before.Merge(tally).Completed, plan.TotalGenerations);
            if (progress > shownProgress && (progressUpdate is null || progressUpdate.IsCompleted))
            {
                if (progressUpdate is { IsFaulted: true })
                {
                    unwrittenLog.InsertRange(0, sending);
                }
                shownProgress = progress;
                sending = [.. unwrittenLog];
                progressUpdate = RecordProgress(context, input, tally, shownProgress, unwrittenLog);
            }
        }
        // The last generations' slots, and a claim left by a batch that stopped early.
        await slots.ReleaseAllAsync();

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
        if (unwrittenLog.Count > 0)
        {
            await RecordProgress(context, input, tally, shownProgress, unwrittenLog);
        }
        return new GenerationBatchResult(tally, shownProgress);
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
        return context.CallActivityAsync(nameof(RecordJobProgressActivity), request, StorageRetry.Options);
    }

    private static async Task<GenerationOutcome> OutcomeOf(Task<GenerationOutcome> generation, int index)
    {
        try
        {
            return await generation;
        }
        catch (TaskFailedException ex)
        {
            return new GenerationOutcome(index, "", [], $"The generation failed unexpectedly: {ex.FailureDetails.ErrorMessage}");
        }
    }
}
