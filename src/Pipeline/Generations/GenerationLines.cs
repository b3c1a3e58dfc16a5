using GenImageFactory.Domain.Jobs;
using GenImageFactory.Pipeline.Images;
using GenImageFactory.Pipeline.Models;

namespace GenImageFactory.Pipeline.Generations;

/// <summary>
/// The log lines a generation's steps write as they happen (and its batch's, for a step that kept failing). Each is
/// keyed by its step (generation, attempt, image), so a step that runs again rewrites its own line instead of adding
/// one. Times are stamped when written.
/// </summary>
public static class GenerationLines
{
    public static JobLogEntry PromptNote(int index, string note) =>
        Line($"g{index:D4}-prompt", index, JobLogLevel.Warning, note);

    public static JobLogEntry Submitted(int index, int attempt, string provider, string taskId) =>
        Line($"g{index:D4}-a{attempt}-submit", index, JobLogLevel.Info, $"{provider} task {taskId} submitted.");

    public static JobLogEntry ProviderStatus(int index, int attempt, string taskId, string status) =>
        Line($"g{index:D4}-a{attempt}-status-{status}", index, JobLogLevel.Info, $"task {taskId} is {status} at the provider.");

    public static JobLogEntry Stored(int index, int count, string aspectRatio, ProviderTaskStatus status) =>
        Line($"g{index:D4}-stored", index, JobLogLevel.Info, $"stored {count} images ({aspectRatio}){CostNote(status)}.");

    /// <summary>Why a generation produced nothing when its step failed every attempt (the batch writes it).</summary>
    public static JobLogEntry FailedUnexpectedly(int index, string reason) =>
        Line($"g{index:D4}-failed", index, JobLogLevel.Error, reason);

    /// <summary>The quality check, metadata and post-processing outcome of one image.</summary>
    public static IEnumerable<JobLogEntry> Reviewed(int index, ImageReview review)
    {
        var image = review.ImageId[(review.ImageId.LastIndexOf('-') + 1)..];
        var key = $"g{index:D4}-i{image}";
        yield return review.QcStatus == ImageQcStatus.Approved
            ? Line($"{key}-qc", index, JobLogLevel.Info, $"image {image} approved: {review.QcReason}", review.ImageId)
            : Line($"{key}-qc", index, JobLogLevel.Warning, $"image {image} failed the quality check: {review.QcReason}", review.ImageId);
        if (review.Metadata is not null)
        {
            yield return Line($"{key}-meta", index, JobLogLevel.Info, $"image {image} metadata written: \"{review.Metadata.Title}\".", review.ImageId);
        }
        else if (review.MetadataProblem is not null)
        {
            yield return Line($"{key}-meta", index, JobLogLevel.Warning, $"image {image} has no metadata: {review.MetadataProblem}", review.ImageId);
        }
        foreach (var (note, n) in (review.ProcessingNotes ?? []).Select((note, n) => (note, n)))
        {
            yield return Line($"{key}-proc{n}", index, JobLogLevel.Warning, $"image {image} post-processing: {note}.", review.ImageId);
        }
    }

    /// <summary>The task's reported cost for its log line ("; cost 1500 credits, $0.0015"), or nothing when none was reported.</summary>
    public static string CostNote(ProviderTaskStatus status)
    {
        if (status.Cost is null && status.Credits is null)
        {
            return "";
        }
        var credits = status.Credits is { } c ? $"{c:0.##} credits, " : "";
        return $"; cost {credits}${status.Cost ?? 0:0.######}";
    }

    private static JobLogEntry Line(string key, int index, string level, string message, string? imageId = null) =>
        new(key, default, level, $"Generation {index}: {message}", index, imageId);
}
