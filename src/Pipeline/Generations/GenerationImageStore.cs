using GenImageFactory.Domain.Jobs;
using GenImageFactory.Pipeline.Images;
using GenImageFactory.Pipeline.Jobs;
using GenImageFactory.Pipeline.Models;
using GenImageFactory.Pipeline.Ports;
using Microsoft.Extensions.Logging;

namespace GenImageFactory.Pipeline.Generations;

/// <summary>Where a generation's images go: the job, the generation, and what it asked for.</summary>
/// <param name="TotalGenerations">The job's generations, for its progress.</param>
public sealed record GenerationTarget(string JobId, int GenerationIndex, string Prompt, string AspectRatio, string Provider, int TotalGenerations = 0);

/// <summary>The stored images and their reviews, or why they could not be stored.</summary>
/// <param name="Fatal">A problem that should stop the whole job (an exhausted model quota).</param>
/// <param name="Unwritten">Log lines that could not be written yet: the generation keeps them for a later write.</param>
public sealed record StoredImages(IReadOnlyList<string> ImageIds, string? Error, IReadOnlyList<ImageReview>? Reviews = null, string? Fatal = null)
{
    public IReadOnlyList<JobLogEntry> Unwritten { get; init; } = [];

    /// <summary>The job had ended (cancelled, closed by the sweep, deleted) before the images were stored: nothing was.</summary>
    public bool JobEnded { get; init; }
}

/// <summary>
/// Copies a finished task's images into Blob Storage (provider URLs are temporary), reviews them (quality
/// check, metadata; different images in parallel, from the bytes already in hand) and writes their records
/// in one transaction. Ids and blob names derive from job, generation and image index, and blobs are written
/// only if absent, so a retry rewrites the same rows and keeps the first bytes. The job's log learns that the
/// images are stored while they are reviewed, then each image's outcome.
/// </summary>
public sealed class GenerationImageStore(
    GenerationPlans plans,
    ImageReviewer reviewer,
    IImageDownloader downloader,
    IImageInspector inspector,
    IImageGridSplitter grids,
    IImageBlobStore blobs,
    IImageRecordStore images,
    IImageIndex index,
    ImageFinisher finisher,
    ImageRemoval removal,
    ImageStatusChanges counts,
    IJobStore jobs,
    JobLogWriter log,
    TimeProvider time,
    ILogger<GenerationImageStore> logger)
{
    /// <param name="originalsStored">
    /// Told where the originals went (as <see cref="ImageBlobNames.StoredOriginalSource"/>s) once all are stored,
    /// before they are reviewed.
    /// </param>
    public async Task<StoredImages> StoreAsync(GenerationTarget target, ProviderTaskStatus completed, Func<IReadOnlyList<string>, Task>? originalsStored = null)
    {
        var imageUrls = completed.ImageUrls;
        if (imageUrls.Count == 0)
        {
            return new StoredImages([], "The provider reported the task completed but returned no image.");
        }

        // Scopes become structured properties of every log line below (Serilog in the hosts).
        using var jobScope = logger.BeginScope(new Dictionary<string, object> { ["JobId"] = target.JobId, ["GenerationIndex"] = target.GenerationIndex });
        try
        {
            if (await jobs.GetStatusAsync(target.JobId, CancellationToken.None) is var ended && !JobStatus.IsActive(ended))
            {
                // The task ended after its job did (a step in another process learns of a cancel late): the job's record
                // and counts are closed, so its images are neither stored nor reviewed, and nothing more is paid for.
                return new StoredImages([], ended is null ? "The job was deleted before its images were stored." : "The job ended before its images were stored.")
                {
                    JobEnded = true,
                };
            }
            var (_, configuration) = await plans.GetAsync(target.JobId, CancellationToken.None);
            var stored = await Task.WhenAll((await ImagesOfAsync(target, completed)).Select((bytes, i) => StoreOneAsync(target, bytes, i)));
            if (originalsStored is not null)
            {
                await originalsStored([.. stored.Select(s => ImageBlobNames.StoredOriginalSource(s.Record.OriginalBlob))]);
            }
            var storedLine = log.TryWriteAsync(target.JobId, [GenerationLines.Stored(target.GenerationIndex, stored.Length, target.AspectRatio, completed)],
                new GenerationStep(target.GenerationIndex, GenerationStep.Stored), target.TotalGenerations);

            string? fatal = null;
            ImageReview[] reviews;
            try
            {
                reviews = await Task.WhenAll(stored.Select(async s =>
                {
                    using var imageScope = logger.BeginScope(new Dictionary<string, object> { ["ImageId"] = s.Record.Id });
                    return await reviewer.ReviewAsync(s.Record.Id, new ImageUnderReview(s.Bytes, s.Record.ContentType, target.Prompt, target.AspectRatio), configuration);
                }));
            }
            catch (AiAccountRefusedException ex)
            {
                fatal = ex.Message;
                reviews = stored.Select(s => new ImageReview(s.Record.Id, ImageQcStatus.QcFailed, $"quality check unavailable: {ex.Message}", null, null)).ToArray();
            }

            // Approved images are post-processed from the bytes in hand; the others stay as generated.
            var finished = await Task.WhenAll(stored.Zip(reviews, async (s, r) =>
            {
                var record = s.Record with { QcStatus = r.QcStatus, QcReason = r.QcReason, Metadata = r.Metadata };
                return r.QcStatus == ImageQcStatus.Approved
                    ? await finisher.FinishAsync(record, s.Bytes, configuration.Processing, CancellationToken.None)
                    : new FinishedImage(record, []);
            }));
            var records = finished.Select(f => f.Record).ToList();
            reviews = reviews.Zip(finished, (r, f) => f.Notes.Count == 0 ? r : r with { ProcessingNotes = f.Notes }).ToArray();
            await images.UpsertAsync(target.JobId, records, CancellationToken.None);
            await index.AddAsync(records, CancellationToken.None);
            var jobStatus = await jobs.GetStatusAsync(target.JobId, CancellationToken.None);
            if (jobStatus is JobStatus.Cancelled or JobStatus.Failed)
            {
                // Closed (a cancel, the sweep) while this step ran: the record's counts were taken before these images.
                await counts.RecountJobAsync(target.JobId, CancellationToken.None);
            }
            if (jobStatus is null)
            {
                // Deleted while this step ran (its delete has answered or is under way): take back what was written.
                foreach (var record in records)
                {
                    await removal.RemoveAsync(record, CancellationToken.None);
                }
                await storedLine;
                return new StoredImages([], "The job was deleted while its images were being stored.");
            }
            var reviewLines = await log.TryWriteAsync(target.JobId, reviews.SelectMany(r => GenerationLines.Reviewed(target.GenerationIndex, r)).ToList(),
                new GenerationStep(target.GenerationIndex, GenerationStep.Done), target.TotalGenerations);
            return new StoredImages(records.Select(r => r.Id).ToList(), null, reviews, fatal) { Unwritten = [.. await storedLine, .. reviewLines] };
        }
        catch (Exception ex) when (ex is ImageDownloadException or InvalidDataException)
        {
            logger.StoringImagesFailed(ex, target.GenerationIndex, target.JobId);
            return new StoredImages([], $"Storing the images failed: {ex.Message}");
        }
    }

    /// <summary>The task's images, downloaded (or read back from storage) in parallel; a grid is cut into its images.</summary>
    private async Task<IReadOnlyList<byte[]>> ImagesOfAsync(GenerationTarget target, ProviderTaskStatus completed)
    {
        var images = await Task.WhenAll(completed.ImageUrls.Select(source => ImageBlobNames.StoredOriginalOf(source) is { } original
            ? ReadStoredAsync(original)
            : downloader.DownloadAsync(target.Provider, source, CancellationToken.None)));
        return completed.GridSide > 1 && images.Length == 1 ? grids.Split(images[0], completed.GridSide) : images;

        async Task<byte[]> ReadStoredAsync(string original) =>
            await blobs.ReadAllBytesAsync(original, CancellationToken.None) ?? throw new InvalidDataException($"The stored original {original} is gone.");
    }

    private async Task<(ImageRecord Record, byte[] Bytes)> StoreOneAsync(GenerationTarget target, byte[] bytes, int imageIndex)
    {
        var facts = inspector.Inspect(bytes);
        var id = ImageMappingId.For(target.JobId, target.GenerationIndex, imageIndex);
        var blobName = ImageBlobNames.Original(target.JobId, id, facts.Extension);
        await blobs.PutIfAbsentAsync(blobName, bytes, facts.ContentType, CancellationToken.None);

        return (new ImageRecord
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
        }, bytes);
    }
}
