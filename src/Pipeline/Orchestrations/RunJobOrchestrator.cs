using GenImageFactory.Domain.Jobs;
using GenImageFactory.Pipeline.Activities;
using GenImageFactory.Pipeline.Models;
using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;

namespace GenImageFactory.Pipeline.Orchestrations;

public sealed record RunJobInput(string JobId);

/// <summary>
/// One job: start the record, run every generation as its own sub-orchestration with at most
/// <c>maxConcurrency</c> in flight, then close the record with counts and status.
/// </summary>
public sealed class RunJobOrchestrator : TaskOrchestrator<RunJobInput, JobSummary>
{
    public override async Task<JobSummary> RunAsync(TaskOrchestrationContext context, RunJobInput input)
    {
        var logger = context.CreateReplaySafeLogger<RunJobOrchestrator>();
        var jobId = input.JobId;

        JobPlan plan;
        try
        {
            plan = await context.CallActivityAsync<JobPlan>(nameof(StartJobActivity), new StartJobRequest(jobId));
        }
        catch (TaskFailedException ex)
        {
            return await CompleteAsync(context, JobSummary.FatalError(jobId, $"The job could not start: {ex.FailureDetails.ErrorMessage}"));
        }

        logger.LogInformation("Job {JobId} runs {Count} generations at most {MaxConcurrency} at a time", jobId, plan.TotalGenerations, plan.MaxConcurrency);
        var outcomes = await RunGenerationsAsync(context, jobId, plan);
        var summary = JobSummary.From(jobId, outcomes);
        logger.LogInformation("Job {JobId} ends {Status}: {Images} images, {Failed} failed generations", jobId, summary.Status, summary.TotalImages, summary.FailedGenerations);
        return await CompleteAsync(context, summary);
    }

    private static async Task<List<GenerationOutcome>> RunGenerationsAsync(TaskOrchestrationContext context, string jobId, JobPlan plan)
    {
        var outcomes = new List<GenerationOutcome>(plan.TotalGenerations);
        var inFlight = new Dictionary<Task<GenerationOutcome>, int>();
        Task? progressUpdate = null;
        var shownProgress = 0;
        var next = 0;

        while (next < plan.TotalGenerations || inFlight.Count > 0)
        {
            while (inFlight.Count < plan.MaxConcurrency && next < plan.TotalGenerations)
            {
                var generation = new GenerationInput(jobId, next, plan.Settings);
                var options = new SubOrchestrationOptions { InstanceId = GenerationInput.InstanceIdFor(jobId, next) };
                inFlight.Add(context.CallSubOrchestratorAsync<GenerationOutcome>(nameof(RunGenerationOrchestrator), generation, options), next);
                next++;
            }

            var done = await Task.WhenAny(inFlight.Keys);
            var index = inFlight[done];
            inFlight.Remove(done);
            outcomes.Add(await OutcomeOf(done, index));

            // One progress write at a time keeps them ordered (progress never goes down) without
            // holding back the fan-out; a skipped value is covered by the next one or by the end.
            var progress = JobProgress.WhileGenerating(outcomes.Count, plan.TotalGenerations);
            if (progress > shownProgress && (progressUpdate is null || progressUpdate.IsCompleted))
            {
                shownProgress = progress;
                progressUpdate = context.CallActivityAsync(nameof(RecordJobProgressActivity), RecordJobProgressRequest.From(jobId, progress, outcomes));
            }
        }

        if (progressUpdate is not null)
        {
            await progressUpdate;
        }
        return outcomes;
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

    private static async Task<JobSummary> CompleteAsync(TaskOrchestrationContext context, JobSummary summary)
    {
        await context.CallActivityAsync(nameof(CompleteJobActivity), summary);
        return summary;
    }
}
