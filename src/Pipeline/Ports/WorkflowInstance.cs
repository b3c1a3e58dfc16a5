using GenImageFactory.Pipeline.Orchestrations;
using Microsoft.DurableTask;

namespace GenImageFactory.Pipeline.Ports;

/// <summary>
/// An orchestration's runtime status. DurableTask.Core's <c>OrchestrationStatus</c> and the durable client's
/// <c>OrchestrationRuntimeStatus</c> use these very names, so each host converts its own by name.
/// </summary>
public enum WorkflowStatus
{
    Running,
    Completed,
    ContinuedAsNew,
    Failed,
    Canceled,
    Terminated,
    Pending,
    Suspended,
}

/// <summary>
/// An orchestration instance as either host's durable client reports it, and what that means for a job or an
/// operation: one reading for both hosts, so the Server and the Functions host cannot drift apart.
/// </summary>
/// <param name="Name">The orchestrator's name, which says what the output is.</param>
public sealed record WorkflowInstance(string Name, WorkflowStatus Status, string? SerializedOutput, string? SerializedCustomStatus)
{
    public static WorkflowStatus StatusOf<TEngineStatus>(TEngineStatus status) where TEngineStatus : struct, Enum =>
        Enum.Parse<WorkflowStatus>(status.ToString());

    /// <summary>Whether it may still run a step: a job whose instance is not alive is stuck.</summary>
    public bool IsAlive => Alive(Status);

    /// <summary>Whether an instance in this status (null: none) may still run a step.</summary>
    public static bool Alive(WorkflowStatus? status) =>
        status is WorkflowStatus.Pending or WorkflowStatus.Running or WorkflowStatus.Suspended or WorkflowStatus.ContinuedAsNew;

    /// <summary>Whether cancelling a job terminates it: what has ended stays as it ended.</summary>
    public bool IsTerminable => Status is WorkflowStatus.Running or WorkflowStatus.Pending;

    /// <summary>A bulk operation's view: running until it ends, then completed with its result, or failed.</summary>
    /// <param name="converter">The converter the host's client wrote the output and custom status with.</param>
    public OperationState ToOperation(DataConverter converter)
    {
        var progress = string.IsNullOrEmpty(SerializedCustomStatus) ? null : converter.Deserialize<RetryProgress>(SerializedCustomStatus);
        return Status switch
        {
            WorkflowStatus.Completed => new OperationState(OperationState.Completed, ReadResult(converter), progress),
            WorkflowStatus.Failed or WorkflowStatus.Terminated or WorkflowStatus.Canceled => new OperationState(OperationState.Failed, null, progress),
            _ => new OperationState(OperationState.Running, null, progress),
        };
    }

    private object? ReadResult(DataConverter converter) => Name switch
    {
        nameof(RerunJobsOrchestrator) => converter.Deserialize<RerunJobsResult>(SerializedOutput),
        nameof(RetryImagesOrchestrator) => converter.Deserialize<RetryImagesResult>(SerializedOutput),
        _ => null,
    };
}
