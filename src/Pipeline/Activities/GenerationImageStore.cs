using GenImageFactory.Domain.Jobs;
using GenImageFactory.Pipeline.Models;
using GenImageFactory.Pipeline.Ports;
using Microsoft.Extensions.Logging;

namespace GenImageFactory.Pipeline.Activities;

/// <summary>Where a generation's images go: the job, the generation, and what it asked for.</summary>
public sealed record GenerationTarget(string JobId, int GenerationIndex, string Prompt, string AspectRatio, string Provider);

/// <summary>The stored image ids, or why they could not be stored.</summary>
public sealed record StoredImages(IReadOnlyList<string> ImageIds, string? Error);

/// <summary>
/// Copies a finished task's images into Blob Storage (provider URLs are temporary) and writes their
/// records. Ids and blob names derive from job, generation and image index, and blobs are written only if
/// absent, so a retry rewrites the same rows and keeps the first bytes.
/// </summary>
public sealed class GenerationImageStore(
    IImageDownloader downloader,
    IImageInspector inspector,
    IImageBlobStore blobs,
    IImageRecordStore images,
    TimeProvider time,
    ILogger<GenerationImageStore> logger)
{
    public async Task<StoredImages> StoreAsync(GenerationTarget target, IReadOnlyList<string> imageUrls)
    {
        if (imageUrls.Count == 0)
        {
            return new StoredImages([], "The provider reported the task completed but returned no image.");
        }

        try
        {
            var stored = await Task.WhenAll(imageUrls.Select((url, i) => StoreOneAsync(target, url, i)));
            await images.UpsertAsync(target.JobId, stored, CancellationToken.None);
            return new StoredImages(stored.Select(r => r.Id).ToList(), null);
        }
        catch (Exception ex) when (ex is ImageDownloadException or InvalidDataException)
        {
            logger.LogWarning(ex, "Storing the images of generation {Index} of job {JobId} failed", target.GenerationIndex, target.JobId);
            return new StoredImages([], $"Storing the images failed: {ex.Message}");
        }
    }

    private async Task<ImageRecord> StoreOneAsync(GenerationTarget target, string url, int imageIndex)
    {
        var bytes = await downloader.DownloadAsync(target.Provider, url, CancellationToken.None);
        var facts = inspector.Inspect(bytes);
        var id = ImageMappingId.For(target.JobId, target.GenerationIndex, imageIndex);
        var blobName = ImageBlobNames.Original(target.JobId, id, facts.Extension);
        await blobs.PutIfAbsentAsync(blobName, bytes, facts.ContentType, CancellationToken.None);

        return new ImageRecord
        {
            Id = id,
            JobId = target.JobId,
            GenerationIndex = target.GenerationIndex,
            ImageIndex = imageIndex,
            Prompt = target.Prompt,
            AspectRatio = target.AspectRatio,
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
