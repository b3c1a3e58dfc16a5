using DurableTask.Core.Exceptions;
using Grpc.Core;
using GenImageFactory.Pipeline.Jobs;
using GenImageFactory.Pipeline.Orchestrations;
using GenImageFactory.Pipeline.Ports;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace GenImageFactory.Functions.Durable;

/// <summary>
/// The durable client of the running invocation: Durable Functions hands it to a function through its
/// <c>[DurableClient]</c> binding, and the function puts it here for the services it calls.
/// </summary>
public sealed class DurableClientScope
{
    private DurableTaskClient? _client;

    public DurableTaskClient Client
    {
        get => _client ?? throw new InvalidOperationException("This function has no [DurableClient] binding, so it cannot start or manage orchestrations.");
        set => _client = value;
    }
}

/// <summary>The workflow port over Durable Functions' <see cref="DurableTaskClient"/> (the Server's is over DurableTask.Core).</summary>
public sealed class DurableClientWorkflow(DurableClientScope scope) : IWorkflowClient
{
    private DurableTaskClient Client => scope.Client;

    public async Task StartJobAsync(string jobId, CancellationToken cancellationToken)
    {
        // Asked in one call, not checked first: two racing starts cannot both create. An instance in any state
        // blocks the id, and the loser learns it from the exception.
        var options = new StartOrchestrationOptions(jobId).WithDedupeStatuses([.. StartOrchestrationOptionsExtensions.ValidDedupeStatuses]);
        try
        {
            await Client.ScheduleNewOrchestrationInstanceAsync(nameof(RunJobOrchestrator), new RunJobInput(jobId), options, cancellationToken);
        }
        catch (OrchestrationAlreadyExistsException)
        {
            // Started before (a retried request): one job, one instance.
        }
    }

    public Task StartRerunsAsync(string operationId, IReadOnlyList<string> jobIds, CancellationToken cancellationToken) =>
        Client.ScheduleNewOrchestrationInstanceAsync(nameof(RerunJobsOrchestrator), new RerunJobsInput(jobIds), new StartOrchestrationOptions(operationId), cancellationToken);

    public Task StartImageRetryAsync(string operationId, RetryImagesInput input, CancellationToken cancellationToken) =>
        Client.ScheduleNewOrchestrationInstanceAsync(nameof(RetryImagesOrchestrator), input, new StartOrchestrationOptions(operationId), cancellationToken);

    public async Task<WorkflowStatus?> GetJobStatusAsync(string jobId, CancellationToken cancellationToken) =>
        (await GetInstanceAsync(jobId, withOutputs: false, cancellationToken))?.Instance.Status;

    public async Task<OperationState?> GetOperationAsync(string operationId, CancellationToken cancellationToken) =>
        await GetInstanceAsync(operationId, withOutputs: true, cancellationToken) is { } found ? found.Instance.ToOperation(found.Converter) : null;

    public Task CancelJobAsync(string jobId, int totalGenerations, string reason, CancellationToken cancellationToken) =>
        JobInstanceIds.ForEachAsync(jobId, totalGenerations, cancellationToken, async id =>
        {
            // Sub-orchestrations are not reached by their parent's termination, so each is told.
            if (await GetInstanceAsync(id, withOutputs: false, cancellationToken) is { Instance.IsTerminable: true })
            {
                await Client.TerminateInstanceAsync(id, reason, cancellationToken);
            }
        });

    public Task TellTaskChangedAsync(string instanceId, string taskId, CancellationToken cancellationToken) =>
        RaiseIfRunningAsync(instanceId, RunGenerationOrchestrator.ProviderTaskChangedEvent, taskId, cancellationToken);

    public Task TellBatchTaskEndedAsync(string batchInstanceId, ProviderTaskEnd word, CancellationToken cancellationToken) =>
        RaiseIfRunningAsync(batchInstanceId, RunGenerationBatchOrchestrator.ProviderTaskEndedEvent, word, cancellationToken);

    public Task TellSlotsFreedAsync(string batchInstanceId, string provider, CancellationToken cancellationToken) =>
        RaiseIfRunningAsync(batchInstanceId, RunGenerationBatchOrchestrator.SlotsFreedEvent, provider, cancellationToken);

    /// <summary>
    /// Raises an event that only a running instance wants. The host checks the instance's status first and refuses one
    /// that is missing (NotFound) or no longer running (FailedPrecondition): nothing waits there, as the Server's engine
    /// drops such a message, so a late or repeated provider call still gets its 202.
    /// </summary>
    private async Task RaiseIfRunningAsync(string instanceId, string eventName, object payload, CancellationToken cancellationToken)
    {
        try
        {
            await Client.RaiseEventAsync(instanceId, eventName, payload, cancellationToken);
        }
        catch (RpcException ex) when (ex.StatusCode is StatusCode.NotFound or StatusCode.FailedPrecondition)
        {
        }
    }

    public Task PurgeJobAsync(string jobId, int totalGenerations, CancellationToken cancellationToken) =>
        JobInstanceIds.ForEachAsync(jobId, totalGenerations, cancellationToken, id => Client.PurgeInstanceAsync(id, cancellation: cancellationToken));

    /// <summary>The instance (with its output and custom status when asked), and the converter the client reads them with.</summary>
    private async Task<(WorkflowInstance Instance, DataConverter Converter)?> GetInstanceAsync(string instanceId, bool withOutputs, CancellationToken cancellationToken) =>
        await Client.GetInstanceAsync(instanceId, getInputsAndOutputs: withOutputs, cancellationToken) is { } metadata
            ? (new WorkflowInstance(metadata.Name, WorkflowInstance.StatusOf(metadata.RuntimeStatus), metadata.SerializedOutput, metadata.SerializedCustomStatus), metadata.DataConverter!)
            : null;
}
