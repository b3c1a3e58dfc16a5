using GenImageFactory.Domain.Jobs;
using GenImageFactory.Pipeline.Models;
using GenImageFactory.Pipeline.Ports;
using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;

namespace GenImageFactory.Pipeline.Activities;

public sealed record RecordJobProgressRequest(string JobId, int Progress, int FailedGenerations, int TotalImages);

/// <summary>Writes live progress and counts. Best effort: a lost update is superseded by the next or by the end.</summary>
public sealed class RecordJobProgressActivity(IJobStore jobs, ILogger<RecordJobProgressActivity> logger) : TaskActivity<RecordJobProgressRequest, bool>
{
    public override async Task<bool> RunAsync(TaskActivityContext context, RecordJobProgressRequest input)
    {
        try
        {
            await jobs.UpdateAsync(input.JobId, new JobUpdate
            {
                Phase = JobPhase.Generating,
                Progress = JobProgress.Next(0, input.Progress, ended: false),
                FailedGenerations = input.FailedGenerations,
                TotalImages = input.TotalImages,
            }, CancellationToken.None);
            return true;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            logger.LogWarning(ex, "Recording progress of job {JobId} failed", input.JobId);
            return false;
        }
    }
}
