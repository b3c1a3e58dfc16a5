using GenImageFactory.Pipeline.Activities;
using GenImageFactory.Pipeline.Models;
using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;

namespace GenImageFactory.Pipeline.Orchestrations;

public sealed record RunJobInput(string JobId);

/// <summary>
/// One job: start the record, run the generations in consecutive batches (each a sub-orchestration that
/// keeps at most <c>maxConcurrency</c> generations in flight, within the provider's account-wide cap, and files its
/// images for search as its generations end), then close the record with counts and status (filing every image
/// first if a batch's filing failed).
/// </summary>
/// <remarks>See docs/architecture.md ("A job, end to end" and "Durability") for the whole workflow.</remarks>
public sealed class RunJobOrchestrator : TaskOrchestrator<RunJobInput, JobSummary>
{
    public override async Task<JobSummary> RunAsync(TaskOrchestrationContext context, RunJobInput input)
    {
        var logger = context.CreateReplaySafeLogger<RunJobOrchestrator>();
        var jobId = input.JobId;

        JobPlan plan;
        try
        {
            plan = await context.CallActivityAsync<JobPlan>(nameof(MarkJobRunningActivity), new MarkJobRunningRequest(jobId));
        }
        catch (TaskFailedException ex)
        {
            return await CompleteAsync(context, JobSummary.FatalError(jobId, $"The job could not start: {ex.FailureDetails.ErrorMessage}"));
        }
        logger.JobPlanned(jobId, plan.TotalGenerations, plan.MaxConcurrency);

        var tally = GenerationTally.Empty;
        var shownProgress = 0;
        var allFiled = true;
        for (var first = 0; first < plan.TotalGenerations && tally.MayStartMore; first += plan.BatchSize)
        {
            var batch = new GenerationBatchInput(jobId, first, Math.Min(plan.BatchSize, plan.TotalGenerations - first), plan, tally, shownProgress);
            var options = new SubOrchestrationOptions { InstanceId = GenerationBatchInput.InstanceIdFor(jobId, first) };
            try
            {
                var result = await context.CallSubOrchestratorAsync<GenerationBatchResult>(nameof(RunGenerationBatchOrchestrator), batch, options);
                tally = tally.Merge(result.Tally);
                shownProgress = result.ShownProgress;
                allFiled &= result.ImagesFiled;
            }
            catch (TaskFailedException ex)
            {
                // The batch could not release its provider slots itself; their leases would lapse, but others need them now.
                await ReleaseSlotsAsync(context, jobId, plan.Settings.Provider);
                return await CompleteAsync(context, JobSummary.FatalError(jobId, $"Generations {first}-{first + batch.Count - 1} failed unexpectedly: {ex.FailureDetails.ErrorMessage}"));
            }
        }

        var summary = JobSummary.From(jobId, tally, plan.TotalGenerations) with { ImagesFiled = allFiled };
        logger.JobEnded(jobId, summary.Status, summary.TotalImages, summary.FailedGenerations);
        return await CompleteAsync(context, summary);
    }

    private static async Task ReleaseSlotsAsync(TaskOrchestrationContext context, string jobId, string provider)
    {
        try
        {
            await new JobSlots(context, jobId, provider).ReleaseAllAsync();
        }
        catch (TaskFailedException)
        {
            // Storage is failing too: the leases lapse on their own.
        }
    }

    private static async Task<JobSummary> CompleteAsync(TaskOrchestrationContext context, JobSummary summary)
    {
        await context.CallActivityAsync(nameof(CompleteJobActivity), summary, StorageRetry.Options);
        return summary;
    }
}
