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
/// A batch of a job's generations, each its own sub-orchestration, with at most <c>maxConcurrency</c> in
/// flight: a new one starts the moment one ends.
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

        while ((next < end && tally.MayStartMore) || inFlight.Count > 0)
        {
            // After a fatal problem (no quota, a refused account) or at the spend limit nothing new starts;
            // what runs is let finish (its task is paid for already).
            tally = tally.StopAtSpendLimit(plan.Settings.MaxSpend, input.Before);
            while (inFlight.Count < plan.MaxConcurrency && next < end && tally.MayStartMore)
            {
                var generation = new GenerationInput(input.JobId, next, plan.Settings, plan.TotalGenerations);
                var options = new SubOrchestrationOptions { InstanceId = GenerationInput.InstanceIdFor(input.JobId, next) };
                inFlight.Add(context.CallSubOrchestratorAsync<GenerationOutcome>(nameof(RunGenerationOrchestrator), generation, options), next);
                next++;
            }

            if (inFlight.Count == 0)
            {
                break;
            }
            // A progress write that ends wakes the loop too, so lines that waited for it go out at once.
            var done = await Task.WhenAny(progressUpdate is { IsCompleted: false } ? [.. inFlight.Keys, progressUpdate] : inFlight.Keys.ToList<Task>());
            if (done is Task<GenerationOutcome> ended && inFlight.Remove(ended, out var index))
            {
                var outcome = await OutcomeOf(ended, index);
                tally = tally.Add(outcome);
                unwrittenLog.AddRange(outcome.Log);
            }

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
            var progress = JobProgress.WhileGenerating(input.Before.Merge(tally).Completed, plan.TotalGenerations);
            if (progress > shownProgress || unwrittenLog.Count > 0)
            {
                shownProgress = Math.Max(shownProgress, progress);
                sending = [.. unwrittenLog];
                progressUpdate = RecordProgress(context, input, tally, shownProgress, unwrittenLog);
            }
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
