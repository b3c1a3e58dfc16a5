using DurableTask.Core;
using DurableTask.Core.Exceptions;
using Microsoft.DurableTask.Converters;
using GenImageFactory.Pipeline.Jobs;
using GenImageFactory.Pipeline.Orchestrations;
using GenImageFactory.Pipeline.Ports;

namespace GenImageFactory.Server.Durable;

/// <summary>The workflow port over DurableTask.Core's <c>TaskHubClient</c>.</summary>
public sealed class TaskHubWorkflowClient(DurableEngine engine) : IWorkflowClient
{
    public async Task StartJobAsync(string jobId, CancellationToken cancellationToken)
    {
        var client = await engine.Client.WaitAsync(TimeSpan.FromSeconds(30), cancellationToken);
        try
        {
            await client.CreateOrchestrationInstanceAsync(nameof(RunJobOrchestrator), "", jobId, new RunJobInput(jobId));
        }
        catch (OrchestrationAlreadyExistsException)
        {
            // Started before (a retried request): one job, one instance.
        }
    }

    public async Task StartRerunsAsync(string operationId, IReadOnlyList<string> jobIds, CancellationToken cancellationToken)
    {
        var client = await engine.Client.WaitAsync(TimeSpan.FromSeconds(30), cancellationToken);
        await client.CreateOrchestrationInstanceAsync(nameof(RerunJobsOrchestrator), "", operationId, new RerunJobsInput(jobIds));
    }

    public async Task StartImageRetryAsync(string operationId, RetryImagesInput input, CancellationToken cancellationToken)
    {
        var client = await engine.Client.WaitAsync(TimeSpan.FromSeconds(30), cancellationToken);
        await client.CreateOrchestrationInstanceAsync(nameof(RetryImagesOrchestrator), "", operationId, input);
    }

    public async Task<bool> IsJobAliveAsync(string jobId, CancellationToken cancellationToken)
    {
        var client = await engine.Client.WaitAsync(TimeSpan.FromSeconds(30), cancellationToken);
        return await client.GetOrchestrationStateAsync(jobId) is { OrchestrationStatus: OrchestrationStatus.Pending or OrchestrationStatus.Running or OrchestrationStatus.ContinuedAsNew };
    }

    public async Task<OperationState?> GetOperationAsync(string operationId, CancellationToken cancellationToken)
    {
        var client = await engine.Client.WaitAsync(TimeSpan.FromSeconds(30), cancellationToken);
        var state = await client.GetOrchestrationStateAsync(operationId);
        if (state is null)
        {
            return null;
        }
        var progress = string.IsNullOrEmpty(state.Status) ? null : JsonDataConverter.Default.Deserialize<RetryProgress>(state.Status);
        return state.OrchestrationStatus switch
        {
            OrchestrationStatus.Completed => new OperationState("completed", ReadResult(state), progress),
            OrchestrationStatus.Failed or OrchestrationStatus.Terminated or OrchestrationStatus.Canceled => new OperationState("failed", null, progress),
            _ => new OperationState("running", null, progress),
        };
    }

    private static object? ReadResult(OrchestrationState state) => state.Name switch
    {
        nameof(RerunJobsOrchestrator) => JsonDataConverter.Default.Deserialize<RerunJobsResult>(state.Output),
        nameof(RetryImagesOrchestrator) => JsonDataConverter.Default.Deserialize<RetryImagesResult>(state.Output),
        _ => null,
    };

    public async Task CancelJobAsync(string jobId, int totalGenerations, string reason, CancellationToken cancellationToken)
    {
        var client = await engine.Client.WaitAsync(cancellationToken);
        await JobInstanceIds.ForEachAsync(jobId, totalGenerations, cancellationToken, async id =>
        {
            // Terminating stops an instance where it stands; sub-orchestrations are not reached by their parent's, so each is told.
            var state = await client.GetOrchestrationStateAsync(id);
            if (state?.OrchestrationStatus is OrchestrationStatus.Running or OrchestrationStatus.Pending)
            {
                await client.TerminateInstanceAsync(state.OrchestrationInstance, reason);
            }
        });
    }

    public async Task WakeGenerationAsync(string instanceId, string taskId, CancellationToken cancellationToken)
    {
        var client = await engine.Client.WaitAsync(TimeSpan.FromSeconds(30), cancellationToken);
        // No execution id: the message goes to the instance's current execution; one that is gone drops it.
        await client.RaiseEventAsync(new OrchestrationInstance { InstanceId = instanceId }, RunGenerationOrchestrator.ProviderTaskChangedEvent, taskId);
    }

    public Task PurgeJobAsync(string jobId, int totalGenerations, CancellationToken cancellationToken) =>
        JobInstanceIds.ForEachAsync(jobId, totalGenerations, cancellationToken, engine.PurgeInstanceAsync);
}
