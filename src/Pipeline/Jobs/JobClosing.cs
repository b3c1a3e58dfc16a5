using GenImageFactory.Domain.Jobs;
using GenImageFactory.Pipeline.Images;
using GenImageFactory.Pipeline.Models;
using GenImageFactory.Pipeline.Ports;

namespace GenImageFactory.Pipeline.Jobs;

/// <summary>
/// Ends a job from outside its workflow (a cancel, the stuck-job sweep): files its images for search, closes the record
/// with its images counted as stored and its tasks' noted costs (a stopped workflow writes no last progress) — only while the job is still active,
/// under the record's ETag, so the workflow's last writes cannot reopen it — and says so in the job's log.
/// </summary>
public sealed class JobClosing(IJobStore jobs, IJobLogStore logs, ImageSearchFiling search, ImageStatusChanges counts, ISubmittedTaskStore submitted, TimeProvider time)
{
    /// <param name="status"><see cref="JobStatus.Cancelled"/> or <see cref="JobStatus.Failed"/>.</param>
    /// <returns>False when the job had ended a moment before: that ending stands.</returns>
    public async Task<bool> CloseAsync(string jobId, string status, string reason, CancellationToken cancellationToken)
    {
        await search.FileJobAsync(jobId, cancellationToken);
        var now = time.GetUtcNow();
        var closing = await counts.CountsAsync(jobId, cancellationToken);
        // The workflow carried the costs of its last tasks (written with its progress, at most every 2 s) and stopped
        // with them: the ledger's notes of what each stored task cost are the fuller sum.
        var (usd, credits) = await submitted.SpentAsync(jobId, cancellationToken);
        if (await jobs.GetAsync(jobId, cancellationToken) is { } job && (usd > job.Spend || credits > job.ProviderCredits))
        {
            closing = closing with { Spend = Math.Max(usd, job.Spend), ProviderCredits = Math.Max(credits, job.ProviderCredits) };
        }
        if (!await jobs.UpdateAsync(jobId, JobUpdate.Ending(status, now, reason, closing), cancellationToken))
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
