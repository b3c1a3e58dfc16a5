using GenImageFactory.Domain.Jobs;
using GenImageFactory.Pipeline.Models;
using GenImageFactory.Pipeline.Ports;

namespace GenImageFactory.Pipeline.Images;

/// <summary>
/// Changes to a stored image's status, by review or by retry: the record and its index row move together
/// (old row out, record replaced, new row in; each step idempotent), and a job's counts are recomputed
/// from its images, so the gallery, the review lists and the statistics agree.
/// </summary>
public sealed class ImageStatusChanges(IImageRecordStore images, IImageIndex index, IJobStore jobs)
{
    public async Task<ImageRecord> ApplyAsync(ImageRecord current, ImageRecord updated, CancellationToken cancellationToken)
    {
        if (current.QcStatus != updated.QcStatus)
        {
            await index.RemoveAsync(current, cancellationToken);
        }
        await images.UpsertAsync(current.JobId, [updated], cancellationToken);
        await index.AddAsync([updated], cancellationToken);
        return updated;
    }

    public async Task RecountJobAsync(string jobId, CancellationToken cancellationToken)
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
