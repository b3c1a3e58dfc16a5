using GenImageFactory.Domain.Jobs;
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
/// the record is closed as cancelled with its images counted as stored — under the record's ETag, so the workflow's last writes cannot
/// reopen it. A cancel whose process died after the terminating began is finished by the <see cref="StuckJobSweep"/> (<see cref="StopAsync"/>).
/// </summary>
public sealed class JobCancellation(IJobStore jobs, IWorkflowClient workflow, IProviderSlots slots, SlotWaiters waiters, JobClosing closing, JobStopSignals stops)
{
    public const string Reason = "Cancelled by the user.";

    public async Task<JobCancellationResult> CancelAsync(string jobId, CancellationToken cancellationToken)
    {
        var job = await jobs.GetAsync(jobId, cancellationToken);
        if (job is null)
        {
            return JobCancellationResult.NotFound;
        }
        if (!JobStatus.IsActive(job.Status))
        {
            return JobCancellationResult.AlreadyEnded;
        }

        if (await StopAsync(job, cancellationToken))
        {
            return JobCancellationResult.Cancelled;
        }
        // Another process's sweep may have closed it as cancelled meanwhile, having seen it terminated: still this cancel's doing.
        return await jobs.GetStatusAsync(jobId, cancellationToken) == JobStatus.Cancelled ? JobCancellationResult.Cancelled : JobCancellationResult.AlreadyEnded;
    }

    /// <summary>
    /// Terminates whatever still runs of the job's orchestrations (again, if a cancel that died did part of it: terminating
    /// is a no-op for what has ended) and closes the record as cancelled.
    /// </summary>
    /// <returns>False when the job had ended a moment before: that ending stands.</returns>
    public async Task<bool> StopAsync(JobRecord job, CancellationToken cancellationToken)
    {
        await workflow.CancelJobAsync(job.Id, job.TotalGenerations, Reason, cancellationToken);
        // Poll steps still waiting on the job's tasks stop: here at once, elsewhere when they next read its status.
        stops.Stop(job.Id);
        // Terminated orchestrations release nothing themselves: free the job's provider slots for the others now.
        var provider = job.Configuration.Parameters.Provider;
        await waiters.WakeAsync(provider, await slots.ReleaseJobAsync(provider, job.Id, cancellationToken));
        return await closing.CloseAsync(job.Id, JobStatus.Cancelled, Reason, cancellationToken);
    }
}
