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
        var shownProgress = input.ShownProgress;
        var next = input.First;

        while (next < end || inFlight.Count > 0)
        {
            while (inFlight.Count < plan.MaxConcurrency && next < end)
            {
                var generation = new GenerationInput(input.JobId, next, plan.Settings);
                var options = new SubOrchestrationOptions { InstanceId = GenerationInput.InstanceIdFor(input.JobId, next) };
                inFlight.Add(context.CallSubOrchestratorAsync<GenerationOutcome>(nameof(RunGenerationOrchestrator), generation, options), next);
                next++;
            }

            var done = await Task.WhenAny(inFlight.Keys);
            var index = inFlight[done];
            inFlight.Remove(done);
            tally = tally.Add(await OutcomeOf(done, index));

            // One progress write at a time keeps them ordered (progress never goes down) without holding
            // back the fan-out; a skipped value is covered by the next one or by the end of the job.
            var jobWide = input.Before.Merge(tally);
            var progress = JobProgress.WhileGenerating(jobWide.Completed, plan.TotalGenerations);
            if (progress > shownProgress && (progressUpdate is null || progressUpdate.IsCompleted))
            {
                shownProgress = progress;
                progressUpdate = context.CallActivityAsync(
                    nameof(RecordJobProgressActivity),
                    new RecordJobProgressRequest(input.JobId, progress, jobWide.Failed, jobWide.Images));
            }
        }

        if (progressUpdate is not null)
        {
            await progressUpdate;
        }
        return new GenerationBatchResult(tally, shownProgress);
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
