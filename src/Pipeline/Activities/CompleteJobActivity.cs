using GenImageFactory.Domain.Jobs;
using GenImageFactory.Pipeline.Images;
using GenImageFactory.Pipeline.Models;
using GenImageFactory.Pipeline.Ports;
using Microsoft.DurableTask;

namespace GenImageFactory.Pipeline.Activities;

/// <summary>
/// Closes the execution record: final status, counts, error, progress 100 and the end time (kept on a retry). The
/// image counts are the job's images as stored: a user may have approved, rejected or deleted some while the job
/// ran, which the workflow's own tally does not know.
/// </summary>
public sealed class CompleteJobActivity(IJobStore jobs, IJobLogStore logs, ImageSearchFiling search, ImageStatusChanges statusChanges, TimeProvider time) : TaskActivity<JobSummary, bool>
{
    public override async Task<bool> RunAsync(TaskActivityContext context, JobSummary input)
    {
        var job = await jobs.GetAsync(input.JobId, CancellationToken.None);
        if (job is null || job.Status == JobStatus.Cancelled)
        {
            // Gone, or closed by the user's cancel: that record stays as the user left it.
            return false;
        }
        // Filed before the record closes: a job shown as ended is searchable.
        if (!input.ImagesFiled)
        {
            await search.FileJobAsync(input.JobId, CancellationToken.None);
        }
        var completedAt = job.CompletedAt ?? time.GetUtcNow();
        var line = input.Status == JobStatus.Completed
            ? new JobLogEntry("job-end", completedAt.UtcDateTime, JobLogLevel.Info, $"Job completed: {input.TotalImages} image(s), {input.ApprovedImages} approved, {input.FailedImages} failed the quality check; {input.FailedGenerations} generation(s) failed; spend ${input.Spend:0.####}.{(input.ErrorMessage is null ? "" : " " + input.ErrorMessage)}")
            : new JobLogEntry("job-end", completedAt.UtcDateTime, JobLogLevel.Error, $"Job failed: {input.ErrorMessage}");
        var closed = await jobs.UpdateAsync(input.JobId, await statusChanges.CountsAsync(input.JobId, CancellationToken.None) with
        {
            WhileActive = true,
            Status = input.Status,
            Phase = JobPhase.Done,
            Progress = JobProgress.Finished,
            FailedGenerations = input.FailedGenerations,
            ErrorMessage = input.ErrorMessage,
            GenerationFailures = input.Failures,
            Spend = input.Spend,
            ProviderCredits = input.Credits,
            CompletedAt = completedAt,
        }, CancellationToken.None);
        // The line follows the record: not for a cancel that won the race; again for this step's own retry.
        if (closed || await jobs.GetStatusAsync(input.JobId, CancellationToken.None) == input.Status)
        {
            await logs.WriteAsync(input.JobId, [line], CancellationToken.None);
        }
        return closed;
    }
}
