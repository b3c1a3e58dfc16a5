using GenImageFactory.Domain.Jobs;
using GenImageFactory.Pipeline.Images;
using GenImageFactory.Pipeline.Models;
using GenImageFactory.Pipeline.Ports;

namespace GenImageFactory.Pipeline.Jobs;

public enum JobCancellationResult
{
    Cancelled,
    NotFound,
    AlreadyEnded,
}

/// <summary>
/// Stops a running job: its orchestrations are terminated (no more submissions or polls), its provider slots freed, the log says so, and
/// the record is closed as cancelled — under the record's ETag, so the workflow's last writes cannot reopen it.
/// </summary>
public sealed class JobCancellation(
    IJobStore jobs, IJobLogStore logs, IWorkflowClient workflow, IProviderSlots slots, ImageSearchFiling search, JobStopSignals stops, TimeProvider time)
{
    public const string Reason = "Cancelled by the user.";

    public async Task<JobCancellationResult> CancelAsync(string jobId, CancellationToken cancellationToken)
    {
        var job = await jobs.GetAsync(jobId, cancellationToken);
        if (job is null)
        {
            return JobCancellationResult.NotFound;
        }
        if (job.Status is not (JobStatus.Pending or JobStatus.Running))
        {
            return JobCancellationResult.AlreadyEnded;
        }

        await workflow.CancelJobAsync(jobId, job.TotalGenerations, Reason, cancellationToken);
        // Poll steps still waiting on the job's tasks stop: here at once, elsewhere when they next read its status.
        stops.Stop(jobId);
        // Terminated orchestrations release nothing themselves: free the job's provider slots for the others now.
        await slots.ReleaseJobAsync(job.Configuration.Parameters.Provider, jobId, cancellationToken);
        await search.FileJobAsync(jobId, cancellationToken);
        var now = time.GetUtcNow();
        var closed = await jobs.UpdateAsync(jobId, JobUpdate.Ending(JobStatus.Cancelled, now, Reason), cancellationToken);
        if (!closed)
        {
            // It ended on its own a moment before: that ending stands.
            return JobCancellationResult.AlreadyEnded;
        }
        await logs.WriteAsync(jobId, [new JobLogEntry("job-end", now.UtcDateTime, JobLogLevel.Warning, $"Job cancelled: {Reason}")], cancellationToken);
        return JobCancellationResult.Cancelled;
    }
}
