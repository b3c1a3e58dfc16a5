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
    /// <summary>An instance in any state blocks a second start of its id: a job runs once.</summary>
    private static readonly OrchestrationStatus[] StartOnce = Enum.GetValues<OrchestrationStatus>();

    public async Task StartJobAsync(string jobId, CancellationToken cancellationToken)
    {
        var client = await ClientAsync(cancellationToken);
        try
        {
            // Two racing starts both pass the check: the store keeps one instance row and the engine drops the second start event.
            await client.CreateOrchestrationInstanceAsync(nameof(RunJobOrchestrator), "", jobId, new RunJobInput(jobId), null, StartOnce);
        }
        catch (OrchestrationAlreadyExistsException)
        {
            // Started before (a retried request): one job, one instance.
        }
    }

    public async Task StartRerunsAsync(string operationId, IReadOnlyList<string> jobIds, CancellationToken cancellationToken)
    {
        var client = await ClientAsync(cancellationToken);
        await client.CreateOrchestrationInstanceAsync(nameof(RerunJobsOrchestrator), "", operationId, new RerunJobsInput(jobIds));
    }

    public async Task StartImageRetryAsync(string operationId, RetryImagesInput input, CancellationToken cancellationToken)
    {
        var client = await ClientAsync(cancellationToken);
        await client.CreateOrchestrationInstanceAsync(nameof(RetryImagesOrchestrator), "", operationId, input);
    }

    public async Task<WorkflowStatus?> GetJobStatusAsync(string jobId, CancellationToken cancellationToken) =>
        (await GetInstanceAsync(jobId, cancellationToken))?.Status;

    public async Task<OperationState?> GetOperationAsync(string operationId, CancellationToken cancellationToken) =>
        (await GetInstanceAsync(operationId, cancellationToken))?.ToOperation(JsonDataConverter.Default);

    public async Task CancelJobAsync(string jobId, int totalGenerations, string reason, CancellationToken cancellationToken)
    {
        var client = await ClientAsync(cancellationToken);
        await JobInstanceIds.ForEachAsync(jobId, totalGenerations, cancellationToken, async id =>
        {
            // Terminating stops an instance where it stands; sub-orchestrations are not reached by their parent's, so each is told.
            if (await GetInstanceAsync(id, cancellationToken) is { IsTerminable: true })
            {
                await client.TerminateInstanceAsync(new OrchestrationInstance { InstanceId = id }, reason);
            }
        });
    }

    /// <summary>
    /// A provider's call, which is outside input: only a live instance is told (one read), as the Functions host does;
    /// a message to one that is gone would cost a queue round trip and an episode for nothing.
    /// </summary>
    public async Task TellTaskChangedAsync(string instanceId, string taskId, CancellationToken cancellationToken)
    {
        if (await GetInstanceAsync(instanceId, cancellationToken) is { IsAlive: true })
        {
            await RaiseAsync(instanceId, RunGenerationOrchestrator.ProviderTaskChangedEvent, taskId, cancellationToken);
        }
    }

    public Task TellBatchTaskEndedAsync(string batchInstanceId, ProviderTaskEnd word, CancellationToken cancellationToken) =>
        RaiseAsync(batchInstanceId, RunGenerationBatchOrchestrator.ProviderTaskEndedEvent, word, cancellationToken);

    public Task TellSlotsFreedAsync(string batchInstanceId, string provider, CancellationToken cancellationToken) =>
        RaiseAsync(batchInstanceId, RunGenerationBatchOrchestrator.SlotsFreedEvent, provider, cancellationToken);

    private async Task RaiseAsync(string instanceId, string eventName, object payload, CancellationToken cancellationToken)
    {
        var client = await ClientAsync(cancellationToken);
        // No execution id: the message goes to the instance's current execution; one that is gone drops it.
        await client.RaiseEventAsync(new OrchestrationInstance { InstanceId = instanceId }, eventName, payload);
    }

    public Task PurgeJobAsync(string jobId, int totalGenerations, CancellationToken cancellationToken) =>
        JobInstanceIds.ForEachAsync(jobId, totalGenerations, cancellationToken, engine.PurgeInstanceAsync);

    private Task<TaskHubClient> ClientAsync(CancellationToken cancellationToken) =>
        engine.Client.WaitAsync(TimeSpan.FromSeconds(30), cancellationToken);

    private async Task<WorkflowInstance?> GetInstanceAsync(string instanceId, CancellationToken cancellationToken)
    {
        var client = await ClientAsync(cancellationToken);
        return await client.GetOrchestrationStateAsync(instanceId) is { } state
            ? new WorkflowInstance(state.Name, WorkflowInstance.StatusOf(state.OrchestrationStatus), state.Output, state.Status)
            : null;
    }
}
