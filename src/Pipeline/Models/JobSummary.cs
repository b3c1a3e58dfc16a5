using GenImageFactory.Domain.Jobs;

namespace GenImageFactory.Pipeline.Models;

/// <summary>How a job ended (SPEC §3): completed when at least one generation produced images.</summary>
/// <remarks>An exhausted model quota fails the job whatever it produced, with that as the reason.</remarks>
public sealed record JobSummary(
    string JobId,
    string Status,
    int TotalImages,
    int FailedGenerations,
    string? ErrorMessage,
    IReadOnlyList<GenerationFailure> Failures,
    int ApprovedImages = 0,
    int FailedImages = 0)
{
    public static JobSummary From(string jobId, GenerationTally tally)
    {
        if (tally.Fatal is not null)
        {
            return new JobSummary(jobId, JobStatus.Failed, tally.Images, tally.Failed, tally.Fatal, tally.Failures, tally.ApprovedImages, tally.FailedImages);
        }
        if (tally.Images > 0)
        {
            return new JobSummary(jobId, JobStatus.Completed, tally.Images, tally.Failed, null, tally.Failures, tally.ApprovedImages, tally.FailedImages);
        }
        var reason = tally.Failed == 0
            ? "No generation produced an image."
            : $"All {tally.Failed} generations failed; first: {tally.Failures[0].Reason}";
        return new JobSummary(jobId, JobStatus.Failed, 0, tally.Failed, reason, tally.Failures);
    }

    public static JobSummary FatalError(string jobId, string message) =>
        new(jobId, JobStatus.Failed, 0, 0, message, []);
}
