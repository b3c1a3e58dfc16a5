using GenImageFactory.Domain.Jobs;
using GenImageFactory.Pipeline.Models;
using GenImageFactory.Pipeline.Ports;
using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;

namespace GenImageFactory.Pipeline.Activities;

public sealed record StoreGenerationImagesRequest(
    string JobId, int GenerationIndex, string Prompt, string AspectRatio, string Provider, IReadOnlyList<string> ImageUrls);

/// <summary>The stored image ids, or why they could not be stored.</summary>
public sealed record StoredImages(IReadOnlyList<string> ImageIds, string? Error);

/// <summary>
/// Copies a finished task's images into Blob Storage at once (provider URLs are temporary) and writes
/// their records. Ids and blob names derive from job, generation and image index, and blobs are written
/// only if absent, so a retry rewrites the same rows and keeps the first bytes.
/// </summary>
public sealed class StoreGenerationImagesActivity(
    IImageDownloader downloader,
    IImageInspector inspector,
    IImageBlobStore blobs,
    IImageRecordStore images,
    TimeProvider time,
    ILogger<StoreGenerationImagesActivity> logger) : TaskActivity<StoreGenerationImagesRequest, StoredImages>
{
    public override async Task<StoredImages> RunAsync(TaskActivityContext context, StoreGenerationImagesRequest input)
    {
        if (input.ImageUrls.Count == 0)
        {
            return new StoredImages([], "The provider reported the task completed but returned no image.");
        }

        try
        {
            var stored = await Task.WhenAll(input.ImageUrls.Select((url, i) => StoreOneAsync(input, url, i)));
            await images.UpsertAsync(input.JobId, stored, CancellationToken.None);
            return new StoredImages(stored.Select(r => r.Id).ToList(), null);
        }
        catch (Exception ex) when (ex is ImageDownloadException or InvalidDataException)
        {
            logger.LogWarning(ex, "Storing the images of generation {Index} of job {JobId} failed", input.GenerationIndex, input.JobId);
            return new StoredImages([], $"Storing the images failed: {ex.Message}");
        }
    }

    private async Task<ImageRecord> StoreOneAsync(StoreGenerationImagesRequest input, string url, int imageIndex)
    {
        var bytes = await downloader.DownloadAsync(input.Provider, url, CancellationToken.None);
        var facts = inspector.Inspect(bytes);
        var id = ImageMappingId.For(input.JobId, input.GenerationIndex, imageIndex);
        var blobName = ImageBlobNames.Original(input.JobId, id, facts.Extension);
        await blobs.PutIfAbsentAsync(blobName, bytes, facts.ContentType, CancellationToken.None);

        return new ImageRecord
        {
            Id = id,
            JobId = input.JobId,
            GenerationIndex = input.GenerationIndex,
            ImageIndex = imageIndex,
            Prompt = input.Prompt,
            AspectRatio = input.AspectRatio,
            Width = facts.Width,
            Height = facts.Height,
            ContentType = facts.ContentType,
            QcStatus = ImageQcStatus.Pending,
            CreatedAt = time.GetUtcNow(),
            OriginalBlob = blobName,
            FinalBlob = blobName,
        };
    }
}
