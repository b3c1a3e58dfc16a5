using GenImageFactory.Domain.Jobs;
using GenImageFactory.Pipeline.Models;
using GenImageFactory.Pipeline.Ports;

namespace GenImageFactory.Pipeline.Images;

/// <summary>
/// Changes to a stored image's status, by review or by retry: the record and its index row move together (old row out,
/// record replaced, new row in; each step idempotent), and a job's counts are recomputed from its images, so the gallery, the
/// review lists and the statistics agree. Changes of one image may race (an approve and a reject sent together, a
/// review during a retry): the index and the counts are each put right by whichever change is written last.
/// </summary>
public sealed class ImageStatusChanges(IImageRecordStore images, IImageIndex index, IJobStore jobs, ImageSearchFiling search)
{
    /// <summary>Rounds of putting an image's index row, or its job's counts, right while other changes keep coming (each round, one more came).</summary>
    private const int MaxRounds = 10;

    /// <returns>The updated record, or null when the image (or its job) was deleted meanwhile: nothing is brought back.</returns>
    public async Task<ImageRecord?> ApplyAsync(ImageRecord current, ImageRecord updated, CancellationToken cancellationToken) =>
        await ApplyAsync(current, updated, images.ReplaceExistingAsync, cancellationToken) is { } applied
            ? applied with { ETag = null }
            : null;

    /// <summary>
    /// The same, only if the record is still the version <paramref name="current"/> was read at: a claim that two callers
    /// cannot both win (two retries of one image).
    /// </summary>
    /// <returns>The updated record, or null when the image changed, or it (or its job) was deleted, meanwhile.</returns>
    public async Task<ImageRecord?> ApplyIfUnchangedAsync(ImageRecord current, ImageRecord updated, CancellationToken cancellationToken) =>
        await ApplyAsync(current, updated with { ETag = current.ETag }, images.ReplaceIfUnchangedAsync, cancellationToken) is { } applied
            ? applied with { ETag = null }
            : null;

    private async Task<ImageRecord?> ApplyAsync(ImageRecord current, ImageRecord updated, Func<ImageRecord, CancellationToken, Task<string?>> replace, CancellationToken cancellationToken)
    {
        var moves = current.QcStatus != updated.QcStatus;
        if (moves)
        {
            // Out before the record changes: a step that dies in between and runs again reads the old record and moves it again.
            await index.RemoveAsync(current, cancellationToken);
        }
        if (await replace(updated, cancellationToken) is not { } written)
        {
            return null;
        }
        updated = updated with { ETag = written };
        if (moves)
        {
            await index.AddAsync([updated], cancellationToken);
            await IndexAsLastWrittenAsync(updated, cancellationToken);
        }
        await search.RefileAsync(current, updated, cancellationToken);
        if (await jobs.GetStatusAsync(current.JobId, cancellationToken) is null)
        {
            // The job's delete began after the record was read: leave no index row behind it.
            await index.RemoveAsync(updated, cancellationToken);
            return null;
        }
        return updated;
    }

    /// <summary>
    /// Reads the record again after this change moved its index row: a change written before this one may have moved
    /// the row after it did (taking this one's row out, or putting its own back). While the record is not the version
    /// last indexed, its row is put under the status it has now and out of every other; the change written last
    /// always looks once more, so the row ends under the last status. A record deleted meanwhile leaves no row.
    /// </summary>
    private async Task IndexAsLastWrittenAsync(ImageRecord indexed, CancellationToken cancellationToken)
    {
        for (var round = 0; round < MaxRounds; round++)
        {
            var stored = await images.GetAsync(indexed.JobId, indexed.Id, cancellationToken);
            if (stored?.ETag == indexed.ETag)
            {
                return;
            }
            var status = stored?.QcStatus;
            await Task.WhenAll(ImageQcStatus.All.Where(s => s != status).Select(s => index.RemoveAsync(indexed with { QcStatus = s }, cancellationToken)));
            if (stored is null)
            {
                return;
            }
            await index.AddAsync([stored], cancellationToken);
            indexed = stored;
        }
    }

    /// <summary>
    /// Writes the job's counts as its images stand, then reads them again and writes again until what it wrote is
    /// still so: a recount racing another status change may write counts read before that change after the other's
    /// recount, and the recount written last always looks once more.
    /// </summary>
    public async Task RecountJobAsync(string jobId, CancellationToken cancellationToken)
    {
        var counts = await CountsAsync(jobId, cancellationToken);
        for (var round = 0; round < MaxRounds; round++)
        {
            if (!await jobs.UpdateAsync(jobId, counts, cancellationToken))
            {
                return;
            }
            var now = await CountsAsync(jobId, cancellationToken);
            if (now == counts)
            {
                return;
            }
            counts = now;
        }
    }

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
