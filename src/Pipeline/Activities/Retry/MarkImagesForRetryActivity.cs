using GenImageFactory.Domain.Jobs;
using GenImageFactory.Pipeline.Images;
using GenImageFactory.Pipeline.Models;
using GenImageFactory.Pipeline.Ports;
using Microsoft.DurableTask;

namespace GenImageFactory.Pipeline.Activities.Retry;

public sealed record RejectedImage(string Id, string Reason);

/// <summary>The images a retry will work on, and the ids it turned away.</summary>
public sealed record RetryPlan(IReadOnlyList<string> Eligible, IReadOnlyList<RejectedImage> Rejected);

/// <summary>
/// First step of a retry: every failed image asked for moves to <c>retry_pending</c> at once (the review page shows
/// the whole selection waiting), claimed by this retry operation under the version it was read at, so of two retries
/// posted together only one takes an image (the other is told another retry holds it), and a hold whose operation has
/// ended without letting go (failed, terminated) is taken over. Unknown images and images not in a failed state are
/// rejected. An image this operation already holds stays in the plan, so a replay of this step changes nothing.
/// </summary>
public sealed class MarkImagesForRetryActivity(IImageRecordStore images, ImageStatusChanges changes, IWorkflowClient workflow)
    : TaskActivity<IReadOnlyList<string>, RetryPlan>
{
    public static readonly IReadOnlyList<string> RetryableStatuses = [ImageQcStatus.QcFailed, ImageQcStatus.RetryFailed];

    /// <summary>Reads again after losing a claim to a change; past this, the image is reported as changing under the retry.</summary>
    private const int MaxClaimAttempts = 5;

    public override async Task<RetryPlan> RunAsync(TaskActivityContext context, IReadOnlyList<string> imageIds)
    {
        var eligible = new List<string>();
        var rejected = new List<RejectedImage>();
        foreach (var id in imageIds)
        {
            if (await ClaimAsync(id, context.InstanceId) is { } reason)
            {
                rejected.Add(new RejectedImage(id, reason));
            }
            else
            {
                eligible.Add(id);
            }
        }
        foreach (var jobId in eligible.Select(ImageMappingId.JobIdOf).Distinct())
        {
            await changes.RecountJobAsync(jobId, CancellationToken.None);
        }
        return new RetryPlan(eligible, rejected);
    }

    /// <returns>Null when <paramref name="operation"/> holds the image now; otherwise why it does not.</returns>
    private async Task<string?> ClaimAsync(string id, string operation)
    {
        for (var attempt = 0; attempt < MaxClaimAttempts; attempt++)
        {
            var image = ImageMappingId.TryParse(id, out var jobId, out _, out _) ? await images.GetAsync(jobId, id, CancellationToken.None) : null;
            switch (image)
            {
                case null:
                    return RejectionReasons.NotFound;
                case { QcStatus: var status } when RetryableStatuses.Contains(status):
                case { QcStatus: ImageQcStatus.RetryPending or ImageQcStatus.Processing, RetryOperation: { } holder } when holder != operation && !await IsRunningAsync(holder):
                    if (await changes.ApplyIfUnchangedAsync(image, image with { QcStatus = ImageQcStatus.RetryPending, RetryOperation = operation }, CancellationToken.None) is not null)
                    {
                        return null;
                    }
                    continue;
                case { QcStatus: ImageQcStatus.RetryPending or ImageQcStatus.Processing }:
                    // Held by this operation (a replayed step), or by one from before claims were recorded.
                    return image.RetryOperation is null || image.RetryOperation == operation ? null : "another retry holds it";
                default:
                    return $"not a failed image (it is {image.QcStatus})";
            }
        }
        return "it changed while the retry claimed it";
    }

    private async Task<bool> IsRunningAsync(string operation) =>
        await workflow.GetOperationAsync(operation, CancellationToken.None) is { Status: OperationState.Running };
}
