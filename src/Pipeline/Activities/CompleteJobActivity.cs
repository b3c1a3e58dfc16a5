using GenImageFactory.Domain.Jobs;
using GenImageFactory.Pipeline.Models;
using GenImageFactory.Pipeline.Ports;
using Microsoft.DurableTask;

namespace GenImageFactory.Pipeline.Activities;

/// <summary>Closes the execution record: final status, counts, error, progress 100 and the end time (kept on a retry).</summary>
public sealed class CompleteJobActivity(IJobStore jobs, TimeProvider time) : TaskActivity<JobSummary, bool>
{
    public override async Task<bool> RunAsync(TaskActivityContext context, JobSummary input)
    {
        var job = await jobs.GetAsync(input.JobId, CancellationToken.None);
        if (job is null)
        {
            return false;
        }
        await jobs.UpdateAsync(input.JobId, new JobUpdate
        {
            Status = input.Status,
            Phase = JobPhase.Done,
            Progress = JobProgress.Finished,
            FailedGenerations = input.FailedGenerations,
            TotalImages = input.TotalImages,
            ErrorMessage = input.ErrorMessage,
            GenerationFailures = input.Failures,
            CompletedAt = job.CompletedAt ?? time.GetUtcNow(),
        }, CancellationToken.None);
        return true;
    }
}
