using GenImageFactory.Domain.Jobs;
using GenImageFactory.Pipeline.Models;
using GenImageFactory.Pipeline.Ports;

namespace GenImageFactory.Pipeline.Images;

/// <summary>
/// Changes to a stored image's status, by review or by retry: the record and its index row move together
/// (old row out, record replaced, new row in; each step idempotent), and a job's counts are recomputed
/// from its images, so the gallery, the review lists and the statistics agree.
/// </summary>
public sealed class ImageStatusChanges(IImageRecordStore images, IImageIndex index, IJobStore jobs, ImageSearchFiling search)
{
    /// <returns>The updated record, or null when the image (or its job) was deleted meanwhile: nothing is brought back.</returns>
    public Task<ImageRecord?> ApplyAsync(ImageRecord current, ImageRecord updated, CancellationToken cancellationToken) =>
        ApplyAsync(current, updated, images.ReplaceExistingAsync, cancellationToken);

    /// <summary>
    /// The same, only if the record is still the version <paramref name="current"/> was read at: a claim that two callers
    /// cannot both win (two retries of one image). Only status moves compete for a failed image, so the loser's removal
    /// of the old index row is the winner's too.
    /// </summary>
    /// <returns>The updated record, or null when the image changed, or it (or its job) was deleted, meanwhile.</returns>
    public async Task<ImageRecord?> ApplyIfUnchangedAsync(ImageRecord current, ImageRecord updated, CancellationToken cancellationToken) =>
        await ApplyAsync(current, updated with { ETag = current.ETag }, images.ReplaceIfUnchangedAsync, cancellationToken) is { } applied
            ? applied with { ETag = null }
            : null;

    private async Task<ImageRecord?> ApplyAsync(ImageRecord current, ImageRecord updated, Func<ImageRecord, CancellationToken, Task<bool>> replace, CancellationToken cancellationToken)
    {
        if (current.QcStatus != updated.QcStatus)
        {
            await index.RemoveAsync(current, cancellationToken);
        }
        if (!await replace(updated, cancellationToken))
        {
            return null;
        }
        await index.AddAsync([updated], cancellationToken);
        await search.RefileAsync(current, updated, cancellationToken);
        if (await jobs.GetStatusAsync(current.JobId, cancellationToken) is null)
        {
            // The job's delete began after the record was read: leave no index row behind it.
            await index.RemoveAsync(updated, cancellationToken);
            return null;
        }
        return updated;
    }

    public async Task RecountJobAsync(string jobId, CancellationToken cancellationToken) =>
        await jobs.UpdateAsync(jobId, await CountsAsync(jobId, cancellationToken), cancellationToken);

    /// <summary>A job's image counts as its stored images stand.</summary>
    public async Task<JobUpdate> CountsAsync(string jobId, CancellationToken cancellationToken)
    {
        var all = await images.ListAllOfJobAsync(jobId, cancellationToken);
        return new JobUpdate
        {
            TotalImages = all.Count,
            ApprovedImages = all.Count(i => i.QcStatus == ImageQcStatus.Approved),
            FailedImages = all.Count(i => i.QcStatus is ImageQcStatus.QcFailed or ImageQcStatus.RetryFailed),
        };
    }
}
