using GenImageFactory.Pipeline.Models;
using GenImageFactory.Pipeline.Ports;
using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;

namespace GenImageFactory.Pipeline.Activities;

public sealed record PollGenerationRequest(string TaskId, GenerationTarget Target);

/// <summary>Where the task stands and, once it completed, its stored images.</summary>
public sealed record PolledGeneration(ProviderTaskStatus Status, StoredImages? Stored);

/// <summary>
/// Asks the provider where one task stands and, the moment it has completed, stores its images in the
/// same step: provider URLs are temporary, and one activity fewer per generation is a tenth fewer storage
/// transactions. An error to ask is a transient value, not an exception.
/// </summary>
public sealed class PollGenerationActivity(IImageProviders providers, GenerationImageStore store, ILogger<PollGenerationActivity> logger)
    : TaskActivity<PollGenerationRequest, PolledGeneration>
{
    public override async Task<PolledGeneration> RunAsync(TaskActivityContext context, PollGenerationRequest input)
    {
        var status = await ProviderCalls.ReportingFailuresAsync(providers, input.Target.Provider, input.TaskId, logger,
            provider => provider.PollAsync(input.TaskId, CancellationToken.None));
        return status.State == ProviderTaskState.Completed
            ? new PolledGeneration(status, await store.StoreAsync(input.Target, status.ImageUrls))
            : new PolledGeneration(status, null);
    }
}
