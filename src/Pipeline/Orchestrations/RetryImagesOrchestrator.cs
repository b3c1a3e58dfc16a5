using GenImageFactory.Domain.Jobs;
using GenImageFactory.Pipeline.Activities.Retry;
using Microsoft.DurableTask;

namespace GenImageFactory.Pipeline.Orchestrations;

/// <param name="ProcessingOverrides">JSON processing settings over each job's own; null retries with the original settings.</param>
public sealed record RetryImagesInput(IReadOnlyList<string> ImageIds, string? ProcessingOverrides, bool RegenerateMetadata);

public sealed record RetryImagesResult(IReadOnlyList<RetriedImage> Retried, IReadOnlyList<RejectedImage> Rejected);

/// <summary>How far a running retry is (its custom status).</summary>
public sealed record RetryProgress(int Done, int Total);

/// <summary>
/// A retry of failed images: all move to <c>retry_pending</c>, then a few at a time through
/// <c>processing</c> to <c>approved</c> or <c>retry_failed</c>; finally the jobs' counts are recomputed.
/// </summary>
public sealed class RetryImagesOrchestrator : TaskOrchestrator<RetryImagesInput, RetryImagesResult>
{
    /// <summary>Each retry is a blob read and one or two model calls: four at a time keeps the model's rate limit comfortable.</summary>
    public const int MaxConcurrentRetries = 4;

    /// <summary>The step ends every image itself; what reaches here is storage trouble, worth a few more tries.</summary>
    private static readonly TaskOptions StorageRetries = TaskOptions.FromRetryPolicy(new RetryPolicy(3, TimeSpan.FromSeconds(5)));

    public override async Task<RetryImagesResult> RunAsync(TaskOrchestrationContext context, RetryImagesInput input)
    {
        var plan = await context.CallActivityAsync<RetryPlan>(nameof(MarkImagesForRetryActivity), input.ImageIds);
        var retried = new List<RetriedImage>(plan.Eligible.Count);
        context.SetCustomStatus(new RetryProgress(0, plan.Eligible.Count));
        foreach (var chunk in plan.Eligible.Chunk(MaxConcurrentRetries))
        {
            retried.AddRange(await Task.WhenAll(chunk.Select(id => context.CallActivityAsync<RetriedImage>(
                nameof(RetryImageActivity), new RetryImageRequest(context.InstanceId, id, input.ProcessingOverrides, input.RegenerateMetadata), StorageRetries))));
            context.SetCustomStatus(new RetryProgress(retried.Count, plan.Eligible.Count));
        }
        var jobIds = plan.Eligible.Select(ImageMappingId.JobIdOf).Distinct().ToList();
        await context.CallActivityAsync<int>(nameof(RecountJobsActivity), jobIds);
        return new RetryImagesResult(retried, plan.Rejected);
    }
}
