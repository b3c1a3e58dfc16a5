using GenImageFactory.Pipeline.Jobs;
using GenImageFactory.Pipeline.Models;
using GenImageFactory.Pipeline.Ports;
using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;

namespace GenImageFactory.Pipeline.Activities;

/// <param name="Attempt">The generation's submission this task belongs to (log lines are keyed by it).</param>
/// <param name="LastProviderStatus">The provider's word at the previous poll: a change reaches the job's log.</param>
public sealed record PollGenerationRequest(string TaskId, GenerationTarget Target, int Attempt = 0, string? LastProviderStatus = null);

/// <summary>Where the task stands and, once it completed, its stored images; and log lines not written yet (the generation keeps them).</summary>
public sealed record PolledGeneration(ProviderTaskStatus Status, StoredImages? Stored)
{
    public IReadOnlyList<JobLogEntry> Unwritten { get; init; } = [];
}

/// <summary>
/// Asks the provider where one task stands and, the moment it has completed, stores its images in the
/// same step: provider URLs are temporary, and one activity fewer per generation is a tenth fewer storage
/// transactions. An error to ask is a transient value, not an exception. A change of the provider's status
/// reaches the job's log at once.
/// </summary>
public sealed class PollGenerationActivity(IImageProviders providers, GenerationImageStore store, JobLogWriter log, ILogger<PollGenerationActivity> logger)
    : TaskActivity<PollGenerationRequest, PolledGeneration>
{
    public override async Task<PolledGeneration> RunAsync(TaskActivityContext context, PollGenerationRequest input)
    {
        var status = await ProviderCalls.ReportingFailuresAsync(providers, input.Target.Provider, input.TaskId, logger,
            provider => provider.PollAsync(input.TaskId, CancellationToken.None));
        if (status.State == ProviderTaskState.Completed)
        {
            var stored = await store.StoreAsync(input.Target, status);
            return new PolledGeneration(status, stored) { Unwritten = stored.Unwritten };
        }
        if (status is { ProviderStatus: { Length: > 0 } word } && word != input.LastProviderStatus)
        {
            var line = GenerationLines.ProviderStatus(input.Target.GenerationIndex, input.Attempt, input.TaskId, word);
            return new PolledGeneration(status, null) { Unwritten = await log.TryWriteAsync(input.Target.JobId, [line]) };
        }
        return new PolledGeneration(status, null);
    }
}
