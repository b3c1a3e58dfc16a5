using GenImageFactory.Domain.Jobs;
using GenImageFactory.Pipeline.Models;
using GenImageFactory.Pipeline.Ports;
using Microsoft.Extensions.Logging;

namespace GenImageFactory.Pipeline.Jobs;

/// <summary>
/// Closes, with a reason, every job recorded as pending or running whose orchestration is gone or has finished
/// (a crash between a job's record and its orchestration, history purged by hand, a host that never started it),
/// so no job shows "running" forever; one whose orchestration was terminated is a cancel whose process died before it
/// closed the record, and is closed as cancelled at once. Both hosts run it on their periodic tick, beside the schedules.
/// </summary>
public sealed class StuckJobSweep(
    IJobStore jobs, IWorkflowClient workflow, JobCancellation cancellation, JobClosing closing, TimeProvider time, ILogger<StuckJobSweep> logger)
{
    /// <summary>A job younger than this may be between its record and its orchestration's first step.</summary>
    public static readonly TimeSpan Grace = TimeSpan.FromMinutes(5);

    private const int PageSize = 200;

    /// <returns>The jobs it closed.</returns>
    public async Task<IReadOnlyList<string>> SweepAsync(CancellationToken cancellationToken)
    {
        var closed = new List<string>();
        var before = time.GetUtcNow() - Grace;
        foreach (var status in new[] { JobStatus.Pending, JobStatus.Running })
        {
            var active = await Pages.ReadAllAsync<JobRecord>(continuation =>
                jobs.ListAsync(PageSize, continuation, cancellationToken, new JobFilter(status)));
            foreach (var job in active)
            {
                var workflowStatus = await workflow.GetJobStatusAsync(job.Id, cancellationToken);
                if (WorkflowInstance.Alive(workflowStatus))
                {
                    continue;
                }
                if (workflowStatus == WorkflowStatus.Terminated)
                {
                    if (await cancellation.StopAsync(job, cancellationToken))
                    {
                        logger.StuckJobClosed(job.Id, "its workflow was terminated (a cancel) while its record still said running; closed as cancelled");
                        closed.Add(job.Id);
                    }
                    continue;
                }
                if (job.CreatedAt > before)
                {
                    continue;
                }
                var reason = $"The job's workflow is no longer running (it was {status} with no live orchestration); closed by the stuck-job sweep.";
                if (await closing.CloseAsync(job.Id, JobStatus.Failed, reason, cancellationToken))
                {
                    logger.StuckJobClosed(job.Id, reason);
                    closed.Add(job.Id);
                }
            }
        }
        return closed;
    }
}
