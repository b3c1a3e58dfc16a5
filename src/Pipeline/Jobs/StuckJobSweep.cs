using GenImageFactory.Domain.Jobs;
using GenImageFactory.Pipeline.Images;
using GenImageFactory.Pipeline.Models;
using GenImageFactory.Pipeline.Ports;
using Microsoft.Extensions.Logging;

namespace GenImageFactory.Pipeline.Jobs;

/// <summary>
/// Closes, with a reason, every job recorded as pending or running whose orchestration is gone or has finished
/// (a crash between a job's record and its orchestration, history purged by hand, a host that never started it),
/// so no job shows "running" forever. Both hosts run it on their periodic tick, beside the schedules.
/// </summary>
public sealed class StuckJobSweep(IJobStore jobs, IJobLogStore logs, IWorkflowClient workflow, ImageSearchFiling search, TimeProvider time, ILogger<StuckJobSweep> logger)
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
            // Created before the grace period: a creation-time range, so only candidates are read.
            var stuck = await Pages.ReadAllAsync<JobRecord>(continuation =>
                jobs.ListAsync(PageSize, continuation, cancellationToken, new JobFilter(status, CreatedTo: before)));
            foreach (var job in stuck)
            {
                if (await workflow.IsJobAliveAsync(job.Id, cancellationToken))
                {
                    continue;
                }
                var reason = $"The job's workflow is no longer running (it was {status} with no live orchestration); closed by the stuck-job sweep.";
                await search.FileJobAsync(job.Id, cancellationToken);
                var now = time.GetUtcNow();
                if (await jobs.UpdateAsync(job.Id, JobUpdate.Ending(JobStatus.Failed, now, reason), cancellationToken))
                {
                    await logs.WriteAsync(job.Id, [new JobLogEntry("job-end", now.UtcDateTime, JobLogLevel.Error, $"Job failed: {reason}")], cancellationToken);
                    logger.StuckJobClosed(job.Id, reason);
                    closed.Add(job.Id);
                }
            }
        }
        return closed;
    }
}
