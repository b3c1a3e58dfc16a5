using GenImageFactory.Domain.Jobs;

namespace GenImageFactory.Pipeline.Models;

/// <summary>How a job ended (SPEC §3): completed when at least one generation produced images.</summary>
public sealed record JobSummary(
    string JobId,
    string Status,
    int TotalImages,
    int FailedGenerations,
    string? ErrorMessage,
    IReadOnlyList<GenerationFailure> Failures)
{
    /// <summary>The job record keeps the first failures whole; the count says how many there were.</summary>
    public const int MaxRecordedFailures = 50;

    public static JobSummary From(string jobId, IReadOnlyList<GenerationOutcome> outcomes)
    {
        var failed = outcomes.Where(o => !o.Succeeded).OrderBy(o => o.GenerationIndex).ToList();
        var images = outcomes.Sum(o => o.ImageIds.Count);
        var failures = failed.Take(MaxRecordedFailures)
            .Select(o => new GenerationFailure(o.GenerationIndex, o.Prompt, o.FailureReason!))
            .ToList();
        if (images > 0)
        {
            return new JobSummary(jobId, JobStatus.Completed, images, failed.Count, null, failures);
        }
        var reason = failed.Count == 0
            ? "No generation produced an image."
            : $"All {failed.Count} generations failed; first: {failed[0].FailureReason}";
        return new JobSummary(jobId, JobStatus.Failed, 0, failed.Count, reason, failures);
    }

    public static JobSummary FatalError(string jobId, string message) =>
        new(jobId, JobStatus.Failed, 0, 0, message, []);
}
