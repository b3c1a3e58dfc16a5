using GenImageFactory.Domain.Jobs;

namespace GenImageFactory.Pipeline.Models;

/// <summary>How a job ended: completed when at least one generation produced images.</summary>
/// <remarks>An exhausted model quota fails the job whatever it produced, with that as the reason.</remarks>
public sealed record JobSummary(
    string JobId,
    string Status,
    int TotalImages,
    int FailedGenerations,
    string? ErrorMessage,
    IReadOnlyList<GenerationFailure> Failures,
    int ApprovedImages = 0,
    int FailedImages = 0,
    decimal Spend = 0,
    decimal Credits = 0)
{
    /// <summary>Every image is in the search index already (filed batch by batch), so the job's end files none.</summary>
    public bool ImagesFiled { get; init; }

    /// <param name="totalGenerations">The job's generations, so a stop can say how many never started.</param>
    public static JobSummary From(string jobId, GenerationTally tally, int totalGenerations)
    {
        var stopped = tally.Stopped is null ? null : $"{tally.Stopped}; {totalGenerations - tally.Completed} generation(s) not started.";
        var summary = new JobSummary(jobId, JobStatus.Completed, tally.Images, tally.Failed, stopped, tally.Failures,
            tally.ApprovedImages, tally.FailedImages, tally.Spend, tally.Credits);
        if (tally.Fatal is not null)
        {
            return summary with { Status = JobStatus.Failed, ErrorMessage = tally.Fatal };
        }
        if (tally.Images > 0)
        {
            return summary;
        }
        var reason = tally.Failed == 0
            ? stopped ?? "No generation produced an image."
            : $"All {tally.Failed} generations failed; first: {tally.Failures[0].Reason}";
        return summary with { Status = JobStatus.Failed, ErrorMessage = reason };
    }

    public static JobSummary FatalError(string jobId, string message) =>
        new(jobId, JobStatus.Failed, 0, 0, message, []);
}
