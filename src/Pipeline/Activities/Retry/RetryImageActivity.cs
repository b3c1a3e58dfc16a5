using System.Text.Json;
using GenImageFactory.Domain.Configuration;
using GenImageFactory.Domain.Jobs;
using GenImageFactory.Pipeline.Images;
using GenImageFactory.Pipeline.Models;
using GenImageFactory.Pipeline.Ports;
using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;

namespace GenImageFactory.Pipeline.Activities.Retry;

/// <param name="ProcessingOverrides">JSON processing settings over the job's own; null retries with the original settings.</param>
public sealed record RetryImageRequest(string OperationId, string ImageId, string? ProcessingOverrides, bool RegenerateMetadata);

public sealed record RetriedImage(string Id, string QcStatus, string? Reason);

/// <summary>
/// Retries one failed image: <c>processing</c>, then the stored original is checked again with the job's
/// settings (and, when asked or missing, given new metadata), ending <c>approved</c> or <c>retry_failed</c>
/// with the reason; an approved image is post-processed again from its original, with the job's settings or
/// the retry's overrides of them. Nothing leaves the image stuck in <c>processing</c>.
/// </summary>
public sealed class RetryImageActivity(
    IImageRecordStore images,
    IImageBlobStore blobs,
    IJobStore jobs,
    IJobLogStore logs,
    ImageReviewer reviewer,
    ImageFinisher finisher,
    IImageInspector inspector,
    ImageStatusChanges changes,
    TimeProvider time,
    ILogger<RetryImageActivity> logger) : TaskActivity<RetryImageRequest, RetriedImage>
{
    public override async Task<RetriedImage> RunAsync(TaskActivityContext context, RetryImageRequest input)
    {
        var jobId = ImageMappingId.JobIdOf(input.ImageId);
        var image = await images.GetAsync(jobId, input.ImageId, CancellationToken.None);
        if (image is null)
        {
            return new RetriedImage(input.ImageId, "deleted", "The image was deleted during the retry.");
        }
        if (image.QcStatus is not (ImageQcStatus.RetryPending or ImageQcStatus.Processing) || image.RetryOperation is { } holder && holder != input.OperationId)
        {
            // Retried already (a replayed step), reviewed by hand meanwhile, or another retry's: leave it as it is.
            return new RetriedImage(image.Id, image.QcStatus, image.QcReason);
        }

        using var scope = logger.BeginScope(new Dictionary<string, object> { ["JobId"] = jobId, ["ImageId"] = image.Id });
        var processing = await changes.ApplyAsync(image, image with { QcStatus = ImageQcStatus.Processing }, CancellationToken.None);
        if (processing is null)
        {
            return new RetriedImage(input.ImageId, "deleted", "The image was deleted during the retry.");
        }
        ImageRecord result;
        try
        {
            result = await RetryAsync(processing, input);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.ImageRetryFailed(ex, image.Id);
            result = processing with { QcStatus = ImageQcStatus.RetryFailed, QcReason = $"retry failed: {ex.Message}" };
        }
        // The retry lets go of the image as it ends it.
        result = result with { RetryOperation = null };
        if (await changes.ApplyAsync(processing, result, CancellationToken.None) is null)
        {
            // Deleted while it was being retried: the retry brings nothing back, not even a log line.
            return new RetriedImage(input.ImageId, "deleted", "The image was deleted during the retry.");
        }
        await logs.WriteAsync(jobId, [LogEntry(input, result)], CancellationToken.None);
        return new RetriedImage(result.Id, result.QcStatus, result.QcReason);
    }

    private async Task<ImageRecord> RetryAsync(ImageRecord image, RetryImageRequest input)
    {
        var job = await jobs.GetAsync(image.JobId, CancellationToken.None)
            ?? throw new InvalidOperationException("The image's job no longer exists.");
        var original = await blobs.ReadAllBytesAsync(image.OriginalBlob, CancellationToken.None)
            ?? throw new InvalidOperationException("The original image is no longer stored.");
        var writeMetadata = input.RegenerateMetadata || image.Metadata is null;
        var contentType = inspector.Inspect(original).ContentType;
        var review = await reviewer.ReviewAsync(image.Id, new ImageUnderReview(original, contentType, image.Prompt, image.AspectRatio), job.Configuration, writeMetadata);
        var reviewed = image with
        {
            QcStatus = review.QcStatus == ImageQcStatus.Approved ? ImageQcStatus.Approved : ImageQcStatus.RetryFailed,
            QcReason = review.QcReason,
            Metadata = writeMetadata ? review.Metadata ?? image.Metadata : image.Metadata,
        };
        if (reviewed.QcStatus != ImageQcStatus.Approved)
        {
            return reviewed;
        }
        // Post-processing again from the original, with the job's settings or the retry's overrides of them.
        var finished = await finisher.FinishAsync(reviewed, original, SettingsFor(job.Configuration.Processing, input.ProcessingOverrides), CancellationToken.None);
        foreach (var note in finished.Notes)
        {
            logger.RetriedImageProcessingNote(image.Id, note);
        }
        return finished.Record;
    }

    private static ProcessingSettings SettingsFor(ProcessingSettings jobSettings, string? overrides)
    {
        if (overrides is null)
        {
            return jobSettings;
        }
        using var json = JsonDocument.Parse(overrides);
        // Validated by the API already; a stored operation from an older version falls back to the job's settings.
        return ConfigurationReader.ReadProcessingOverrides(json.RootElement, jobSettings, "settings").Value ?? jobSettings;
    }

    private JobLogEntry LogEntry(RetryImageRequest input, ImageRecord result)
    {
        var settings = input.ProcessingOverrides is null
            ? "original settings"
            : "modified processing settings (" + string.Join(", ", JsonDocument.Parse(input.ProcessingOverrides).RootElement.EnumerateObject().Select(p => $"{p.Name}={p.Value}")) + ")";
        var metadata = input.RegenerateMetadata ? ", metadata regenerated" : "";
        var (level, outcome) = result.QcStatus == ImageQcStatus.Approved
            ? (JobLogLevel.Info, "approved")
            : (JobLogLevel.Warning, $"failed again: {result.QcReason}");
        // Keyed by the retry operation: a replay of this step rewrites its own line.
        return new JobLogEntry($"retry-{input.OperationId}-{result.Id}", time.GetUtcNow().UtcDateTime, level,
            $"Retry of image {result.Id} with {settings}{metadata}: {outcome}", ImageMappingId.TryParse(result.Id, out _, out var g, out _) ? g : null, result.Id);
    }
}
