using GenImageFactory.Pipeline.Ports;
using Microsoft.DurableTask.Client;

namespace GenImageFactory.Functions.Tests;

/// <summary>
/// Both hosts read their engine's statuses by name into the shared <see cref="WorkflowInstance"/> (the Functions
/// host itself cannot run here): every status either reports must have its namesake.
/// </summary>
public class WorkflowStatusTests
{
    [Fact]
    public void EveryDurableTaskCoreStatus_HasItsWorkflowStatus()
    {
        foreach (var status in Enum.GetValues<DurableTask.Core.OrchestrationStatus>())
        {
            Assert.Equal(status.ToString(), WorkflowInstance.StatusOf(status).ToString());
        }
    }

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
