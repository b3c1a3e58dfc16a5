using GenImageFactory.Pipeline.Images;
using GenImageFactory.Pipeline.Models;

namespace GenImageFactory.Api.Images;

/// <summary>Manual review of one image: approve, reject, delete; the job's counts follow.</summary>
public sealed class ImageReviewActions(IImageRecordStore images, IImageIndex index, IImageBlobStore blobs, ImageStatusChanges changes)
{
    public const string ApprovedManually = "Approved manually in review.";
    public const string RejectedManually = "Rejected manually in review.";

    /// <returns>The updated image, or null when it was deleted meanwhile.</returns>
    public async Task<ImageRecord?> SetStatusAsync(ImageRecord image, string qcStatus, string reason, CancellationToken cancellationToken)
    {
        var updated = await changes.ApplyAsync(image, image with { QcStatus = qcStatus, QcReason = reason }, cancellationToken);
        if (updated is not null)
        {
            await changes.RecountJobAsync(image.JobId, cancellationToken);
        }
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
        await changes.RecountJobAsync(image.JobId, cancellationToken);
    }

    /// <summary>Removes the index rows of every image of a job (before the job's images go).</summary>
    public async Task UnindexJobAsync(string jobId, CancellationToken cancellationToken)
    {
        foreach (var image in await images.ListAllOfJobAsync(jobId, cancellationToken))
        {
            await index.RemoveAsync(image, cancellationToken);
        }
    }
}
