using GenImageFactory.Pipeline.Ports;
using Microsoft.DurableTask.Client;

namespace GenImageFactory.Functions.Tests;

/// <summary>
/// The Functions host reads its durable client's statuses by name into the shared <see cref="WorkflowInstance"/>
/// (the host itself cannot run here): every status the client reports must have its namesake.
/// </summary>
public class WorkflowStatusTests
{
    [Fact]
    public void EveryDurableClientStatus_HasItsWorkflowStatus()
    {
        foreach (var status in Enum.GetValues<OrchestrationRuntimeStatus>())
        {
            Assert.Equal(status.ToString(), WorkflowInstance.StatusOf(status).ToString());
        }
    }

    [Fact]
    public void TheStatusesAJobStartDedupesOn_IncludeEveryAliveAndEndedOne()
    {
        var dedupe = StartOrchestrationOptionsExtensions.ValidDedupeStatuses.Select(WorkflowInstance.StatusOf).ToHashSet();

        Assert.Superset(new HashSet<WorkflowStatus> { WorkflowStatus.Pending, WorkflowStatus.Running, WorkflowStatus.Suspended, WorkflowStatus.Completed, WorkflowStatus.Failed, WorkflowStatus.Terminated }, dedupe);
    }
}
