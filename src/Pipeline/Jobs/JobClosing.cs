using GenImageFactory.Domain.Jobs;
using GenImageFactory.Pipeline.Images;
using GenImageFactory.Pipeline.Models;
using GenImageFactory.Pipeline.Ports;

namespace GenImageFactory.Pipeline.Jobs;

/// <summary>
/// Ends a job from outside its workflow (a cancel, the stuck-job sweep): files its images for search, closes the record
/// with its images counted as stored (a stopped workflow writes no last progress) — only while the job is still active,
/// under the record's ETag, so the workflow's last writes cannot reopen it — and says so in the job's log.
/// </summary>
public sealed class JobClosing(IJobStore jobs, IJobLogStore logs, ImageSearchFiling search, ImageStatusChanges counts, TimeProvider time)
{
    /// <param name="status"><see cref="JobStatus.Cancelled"/> or <see cref="JobStatus.Failed"/>.</param>
    /// <returns>False when the job had ended a moment before: that ending stands.</returns>
    public async Task<bool> CloseAsync(string jobId, string status, string reason, CancellationToken cancellationToken)
    {
        await search.FileJobAsync(jobId, cancellationToken);
        var now = time.GetUtcNow();
        if (!await jobs.UpdateAsync(jobId, JobUpdate.Ending(status, now, reason, await counts.CountsAsync(jobId, cancellationToken)), cancellationToken))
        {
            return false;
        }
        var line = status == JobStatus.Cancelled
            ? new JobLogEntry("job-end", now.UtcDateTime, JobLogLevel.Warning, $"Job cancelled: {reason}")
            : new JobLogEntry("job-end", now.UtcDateTime, JobLogLevel.Error, $"Job failed: {reason}");
        await logs.WriteAsync(jobId, [line], cancellationToken);
        return true;
    }
}
