using GenImageFactory.Domain.Jobs;
using GenImageFactory.Pipeline.Ports;

namespace GenImageFactory.Pipeline.Jobs;

public enum JobDeletionResult
{
    Deleted,
    NotFound,
    StillRunning,
}

/// <summary>
/// Deletes a job whole: the record is marked first (so a step of the workflow still finishing sees the job as gone
/// and removes what it writes), then index rows, blobs, image records, log and durable history, and the record last
/// (a delete that fails half-way can be repeated).
/// </summary>
public sealed class JobDeletion(
    IJobStore jobs, IImageRecordStore images, IImageIndex index, IImageBlobStore blobs, IJobLogStore logs, ISubmittedTaskStore submitted, IWorkflowClient workflow,
    TimeProvider time)
{
    /// <summary>How long a delete waits for an ended job's orchestration to finish its last episode.</summary>
    public static readonly TimeSpan OrchestrationEndWait = TimeSpan.FromSeconds(10);

    public async Task<JobDeletionResult> DeleteAsync(string jobId, CancellationToken cancellationToken)
    {
        var job = await jobs.GetAsync(jobId, cancellationToken);
        if (job is null)
        {
            return JobDeletionResult.NotFound;
        }
        if (JobStatus.IsActive(job.Status) || !await OrchestrationEndedAsync(jobId, cancellationToken))
        {
            return JobDeletionResult.StillRunning;
        }

        await jobs.MarkDeletingAsync(jobId, cancellationToken);
        foreach (var image in await images.ListAllOfJobAsync(jobId, cancellationToken))
        {
            await index.RemoveAsync(image, cancellationToken);
        }
        await blobs.DeleteJobAsync(jobId, cancellationToken);
        await images.DeleteJobAsync(jobId, cancellationToken);
        await logs.DeleteJobAsync(jobId, cancellationToken);
        await submitted.DeleteJobAsync(jobId, cancellationToken);
        await workflow.PurgeJobAsync(jobId, job.TotalGenerations, cancellationToken);
        // Of deletes at once, each cleans up (all idempotent) and the one that removes the record says so; the others
        // found it gone, as one sent after would.
        return await jobs.DeleteAsync(jobId, cancellationToken) ? JobDeletionResult.Deleted : JobDeletionResult.NotFound;
    }

    /// <summary>
    /// The record says a job ended a moment before its orchestration's last episode is written: a purge before that
    /// would leave the episode's instance row behind. A short wait, polled; an orchestration still alive after it is
    /// still running.
    /// </summary>
    private async Task<bool> OrchestrationEndedAsync(string jobId, CancellationToken cancellationToken)
    {
        var deadline = time.GetUtcNow() + OrchestrationEndWait;
        while (WorkflowInstance.Alive(await workflow.GetJobStatusAsync(jobId, cancellationToken)))
        {
            if (time.GetUtcNow() >= deadline)
            {
                return false;
            }
            await Task.Delay(TimeSpan.FromMilliseconds(200), time, cancellationToken);
        }
        return true;
    }
}
