using GenImageFactory.Domain.Jobs;
using GenImageFactory.Pipeline.Jobs;
using GenImageFactory.Pipeline.Models;
using GenImageFactory.Pipeline.Ports;
using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;

namespace GenImageFactory.Pipeline.Activities;

public sealed record RecordJobProgressRequest(
    string JobId, int Progress, int FailedGenerations, int TotalImages, int ApprovedImages, int FailedImages, IReadOnlyList<JobLogEntry> Log)
{
    /// <summary>The job's reported spend so far, in USD and in the provider's credits.</summary>
    public decimal Spend { get; init; }
    public decimal Credits { get; init; }

    /// <summary>What tells this write from another of the batch's: its answer (<see cref="Orchestrations.OwnAnswers"/>).</summary>
    public string Fingerprint() => $"{JobId}:{Progress}:{Log.Count}:{(Log.Count > 0 ? Log[^1].Key : "")}";
}

/// <summary>
/// Writes the lines finished generations left (why one failed), then progress and counts. The lines must not be
/// lost: a write that fails fails the step, which is retried, and the batch keeps them for its next write; the
/// progress write is best effort: the next one or the end supersedes it. Its answer is the write's
/// <see cref="RecordJobProgressRequest.Fingerprint"/>.
/// </summary>
public sealed class RecordJobProgressActivity(IJobStore jobs, JobLogWriter log, ILogger<RecordJobProgressActivity> logger) : TaskActivity<RecordJobProgressRequest, string>
{
    public override async Task<string> RunAsync(TaskActivityContext context, RecordJobProgressRequest input)
    {
        await RecordAsync(input);
        return input.Fingerprint();
    }

    private async Task RecordAsync(RecordJobProgressRequest input)
    {
        if ((await log.TryWriteAsync(input.JobId, input.Log)).Count > 0)
        {
            throw new InvalidOperationException($"{input.Log.Count} log line(s) of job {input.JobId} could not be written.");
        }
        try
        {
            // A job cancelled while this update was on its way has ended: the store leaves its record as it was closed.
            await jobs.UpdateAsync(input.JobId, new JobUpdate
            {
                WhileActive = true,
                Phase = JobPhase.Generating,
                Progress = JobProgress.Next(0, input.Progress, ended: false),
                FailedGenerations = input.FailedGenerations,
                TotalImages = input.TotalImages,
                ApprovedImages = input.ApprovedImages,
                FailedImages = input.FailedImages,
                Spend = input.Spend,
                ProviderCredits = input.Credits,
            }, CancellationToken.None);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            logger.ProgressNotRecorded(ex, input.JobId);
        }
    }
}
