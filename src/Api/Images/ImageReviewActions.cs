using GenImageFactory.Pipeline.Images;
using GenImageFactory.Pipeline.Models;

namespace GenImageFactory.Api.Images;

/// <summary>Manual review of one image: approve, reject, delete; the job's counts follow.</summary>
public sealed class ImageReviewActions(ImageRemoval removal, ImageStatusChanges changes)
{
    public const string ApprovedManually = "Approved manually in review.";
    public const string RejectedManually = "Rejected manually in review.";

    /// <returns>The updated image, or null when it was deleted meanwhile.</returns>
    public async Task<ImageRecord?> SetStatusAsync(ImageRecord image, string qcStatus, string reason, CancellationToken cancellationToken)
    {
        var updated = await changes.ApplyAsync(image, image with { QcStatus = qcStatus, QcReason = reason, RetryOperation = null }, cancellationToken);
        if (updated is not null)
        {
            await changes.RecountJobAsync(image.JobId, cancellationToken);
        }
        return updated;
    }

    public async Task DeleteAsync(ImageRecord image, CancellationToken cancellationToken)
    {
        await removal.RemoveAsync(image, cancellationToken);
        await changes.RecountJobAsync(image.JobId, cancellationToken);
    }
}
