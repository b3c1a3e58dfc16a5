using GenImageFactory.Domain.Jobs;
using GenImageFactory.Pipeline.Models;
using GenImageFactory.Pipeline.Ports;

namespace GenImageFactory.Api.Images;

/// <summary>
/// Manual review of one image: approve, reject, delete. The record, its index row and the job's counts move
/// together, so the gallery, the review lists and the statistics agree.
/// </summary>
public sealed class ImageReviewActions(IImageRecordStore images, IImageIndex index, IImageBlobStore blobs, IJobStore jobs)
{
    public const string ApprovedManually = "Approved manually in review.";
    public const string RejectedManually = "Rejected manually in review.";

    public async Task<ImageRecord> SetStatusAsync(ImageRecord image, string qcStatus, string reason, CancellationToken cancellationToken)
    {
        var updated = image with { QcStatus = qcStatus, QcReason = reason };
        await index.RemoveAsync(image, cancellationToken);
        await images.UpsertAsync(image.JobId, [updated], cancellationToken);
        await index.AddAsync([updated], cancellationToken);
        await RecountAsync(image.JobId, cancellationToken);
        return updated;
    }

    public async Task DeleteAsync(ImageRecord image, CancellationToken cancellationToken)
    {
        await index.RemoveAsync(image, cancellationToken);
        await blobs.DeleteAsync(image.OriginalBlob, cancellationToken);
        if (image.FinalBlob != image.OriginalBlob)
        {
            await blobs.DeleteAsync(image.FinalBlob, cancellationToken);
        }
        await images.DeleteAsync(image.JobId, image.Id, cancellationToken);
        await RecountAsync(image.JobId, cancellationToken);
    }

    /// <summary>Removes the index rows of every image of a job (before the job's images go).</summary>
    public async Task UnindexJobAsync(string jobId, CancellationToken cancellationToken)
    {
        foreach (var image in await images.ListAllOfJobAsync(jobId, cancellationToken))
        {
            await index.RemoveAsync(image, cancellationToken);
        }
    }

    private async Task RecountAsync(string jobId, CancellationToken cancellationToken)
    {
        var all = await images.ListAllOfJobAsync(jobId, cancellationToken);
        await jobs.UpdateAsync(jobId, new JobUpdate
        {
            TotalImages = all.Count,
            ApprovedImages = all.Count(i => i.QcStatus == ImageQcStatus.Approved),
            FailedImages = all.Count(i => i.QcStatus is ImageQcStatus.QcFailed or ImageQcStatus.RetryFailed),
        }, cancellationToken);
    }
}
