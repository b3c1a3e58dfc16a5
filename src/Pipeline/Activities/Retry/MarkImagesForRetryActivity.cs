using GenImageFactory.Domain.Jobs;
using GenImageFactory.Pipeline.Images;
using GenImageFactory.Pipeline.Ports;
using Microsoft.DurableTask;

namespace GenImageFactory.Pipeline.Activities.Retry;

public sealed record RejectedImage(string Id, string Reason);

/// <summary>The images a retry will work on, and the ids it turned away.</summary>
public sealed record RetryPlan(IReadOnlyList<string> Eligible, IReadOnlyList<RejectedImage> Rejected);

/// <summary>
/// First step of a retry: every failed image asked for moves to <c>retry_pending</c> at once (the review
/// page shows the whole selection waiting); unknown images and images not in a failed state are rejected.
/// An image already pending or processing stays in the plan, so a replay of this step changes nothing.
/// </summary>
public sealed class MarkImagesForRetryActivity(IImageRecordStore images, ImageStatusChanges changes)
    : TaskActivity<IReadOnlyList<string>, RetryPlan>
{
    public static readonly IReadOnlyList<string> RetryableStatuses = [ImageQcStatus.QcFailed, ImageQcStatus.RetryFailed];

    public override async Task<RetryPlan> RunAsync(TaskActivityContext context, IReadOnlyList<string> imageIds)
    {
        var eligible = new List<string>();
        var rejected = new List<RejectedImage>();
        foreach (var id in imageIds)
        {
            var image = ImageMappingId.TryParse(id, out var jobId, out _, out _) ? await images.GetAsync(jobId, id, CancellationToken.None) : null;
            if (image is null)
            {
                rejected.Add(new RejectedImage(id, "not found"));
            }
            else if (RetryableStatuses.Contains(image.QcStatus))
            {
                await changes.ApplyAsync(image, image with { QcStatus = ImageQcStatus.RetryPending }, CancellationToken.None);
                eligible.Add(id);
            }
            else if (image.QcStatus is ImageQcStatus.RetryPending or ImageQcStatus.Processing)
            {
                eligible.Add(id);
            }
            else
            {
                rejected.Add(new RejectedImage(id, $"not a failed image (it is {image.QcStatus})"));
            }
        }
        foreach (var jobId in eligible.Select(ImageMappingId.JobIdOf).Distinct())
        {
            await changes.RecountJobAsync(jobId, CancellationToken.None);
        }
        return new RetryPlan(eligible, rejected);
    }
}
