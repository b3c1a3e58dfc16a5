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
        // Starting it twice starts it once: an instance with this id exists already.
        if (await Client.GetInstanceAsync(jobId, cancellationToken) is null)
        {
            await Client.ScheduleNewOrchestrationInstanceAsync(nameof(RunJobOrchestrator), new RunJobInput(jobId), new StartOrchestrationOptions(jobId), cancellationToken);
        }
    }

    public Task StartRerunsAsync(string operationId, IReadOnlyList<string> jobIds, CancellationToken cancellationToken) =>
        Client.ScheduleNewOrchestrationInstanceAsync(nameof(RerunJobsOrchestrator), new RerunJobsInput(jobIds), new StartOrchestrationOptions(operationId), cancellationToken);

    public Task StartImageRetryAsync(string operationId, RetryImagesInput input, CancellationToken cancellationToken) =>
        Client.ScheduleNewOrchestrationInstanceAsync(nameof(RetryImagesOrchestrator), input, new StartOrchestrationOptions(operationId), cancellationToken);

    public async Task<bool> IsJobAliveAsync(string jobId, CancellationToken cancellationToken) =>
        await Client.GetInstanceAsync(jobId, cancellationToken) is { RuntimeStatus: OrchestrationRuntimeStatus.Pending or OrchestrationRuntimeStatus.Running or OrchestrationRuntimeStatus.Suspended };

    public async Task<OperationState?> GetOperationAsync(string operationId, CancellationToken cancellationToken)
    {
        var instance = await Client.GetInstanceAsync(operationId, getInputsAndOutputs: true, cancellationToken);
        if (instance is null)
        {
            return null;
        }
        var progress = instance.SerializedCustomStatus is null ? null : instance.ReadCustomStatusAs<RetryProgress>();
        return instance.RuntimeStatus switch
        {
            OrchestrationRuntimeStatus.Completed => new OperationState("completed", ReadResult(instance), progress),
            OrchestrationRuntimeStatus.Failed or OrchestrationRuntimeStatus.Terminated => new OperationState("failed", null, progress),
            _ => new OperationState("running", null, progress),
        };
    }

    public Task CancelJobAsync(string jobId, int totalGenerations, string reason, CancellationToken cancellationToken) =>
        JobInstanceIds.ForEachAsync(jobId, totalGenerations, cancellationToken, async id =>
        {
            // Sub-orchestrations are not reached by their parent's termination, so each is told.
            var instance = await Client.GetInstanceAsync(id, cancellationToken);
            if (instance?.RuntimeStatus is OrchestrationRuntimeStatus.Running or OrchestrationRuntimeStatus.Pending)
            {
                await Client.TerminateInstanceAsync(id, reason, cancellationToken);
            }
        });

    public Task WakeGenerationAsync(string instanceId, string taskId, CancellationToken cancellationToken) =>
        Client.RaiseEventAsync(instanceId, RunGenerationOrchestrator.ProviderTaskChangedEvent, taskId, cancellationToken);

    public Task PurgeJobAsync(string jobId, int totalGenerations, CancellationToken cancellationToken) =>
        JobInstanceIds.ForEachAsync(jobId, totalGenerations, cancellationToken, id => Client.PurgeInstanceAsync(id, cancellation: cancellationToken));

    private static object? ReadResult(OrchestrationMetadata instance) => instance.Name switch
    {
        nameof(RerunJobsOrchestrator) => instance.ReadOutputAs<RerunJobsResult>(),
        nameof(RetryImagesOrchestrator) => instance.ReadOutputAs<RetryImagesResult>(),
        _ => null,
    };
}
