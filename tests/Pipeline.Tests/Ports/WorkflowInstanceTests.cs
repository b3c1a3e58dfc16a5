using GenImageFactory.Pipeline.Orchestrations;
using GenImageFactory.Pipeline.Ports;
using Microsoft.DurableTask.Converters;

namespace GenImageFactory.Pipeline.Tests.Ports;

/// <summary>The one reading of an orchestration instance both hosts' workflow clients share.</summary>
public class WorkflowInstanceTests
{
    private static readonly JsonDataConverter Json = JsonDataConverter.Default;

    private static WorkflowInstance Instance(WorkflowStatus status, string name = nameof(RetryImagesOrchestrator), object? output = null, object? progress = null) =>
        new(name, status, Json.Serialize(output), Json.Serialize(progress));

    [Theory]
    [InlineData(WorkflowStatus.Pending, true)]
    [InlineData(WorkflowStatus.Running, true)]
    [InlineData(WorkflowStatus.Suspended, true)]
    [InlineData(WorkflowStatus.ContinuedAsNew, true)]
    [InlineData(WorkflowStatus.Completed, false)]
    [InlineData(WorkflowStatus.Failed, false)]
    [InlineData(WorkflowStatus.Terminated, false)]
    [InlineData(WorkflowStatus.Canceled, false)]
    public void IsAlive_WhileItMayStillRunAStep(WorkflowStatus status, bool alive) =>
        Assert.Equal(alive, Instance(status).IsAlive);

    [Theory]
    [InlineData(WorkflowStatus.Pending, true)]
    [InlineData(WorkflowStatus.Running, true)]
    [InlineData(WorkflowStatus.Suspended, false)]
    [InlineData(WorkflowStatus.Completed, false)]
    [InlineData(WorkflowStatus.Failed, false)]
    public void IsTerminable_OnlyWhenPendingOrRunning(WorkflowStatus status, bool terminable) =>
        Assert.Equal(terminable, Instance(status).IsTerminable);

    [Theory]
    [InlineData(WorkflowStatus.Pending, "running")]
    [InlineData(WorkflowStatus.Running, "running")]
    [InlineData(WorkflowStatus.Suspended, "running")]
    [InlineData(WorkflowStatus.Failed, "failed")]
    [InlineData(WorkflowStatus.Terminated, "failed")]
    [InlineData(WorkflowStatus.Canceled, "failed")]
    public void AnOperationNotCompleted_HasNoResult_ButItsProgress(WorkflowStatus status, string expected)
    {
        var operation = Instance(status, progress: new RetryProgress(2, 5)).ToOperation(Json);

        Assert.Equal((expected, null, new RetryProgress(2, 5)), (operation.Status, operation.Result, operation.Progress));
    }

    [Fact]
    public void ACompletedImageRetry_HasItsResult()
    {
        var result = new RetryImagesResult([], []);

        var operation = Instance(WorkflowStatus.Completed, output: result, progress: new RetryProgress(5, 5)).ToOperation(Json);

        Assert.Equal("completed", operation.Status);
        var read = Assert.IsType<RetryImagesResult>(operation.Result);
        Assert.Equal((0, 0), (read.Retried.Count, read.Rejected.Count));
    }

    [Fact]
    public void ACompletedBulkRerun_HasItsResult_AndNoProgress()
    {
        var operation = Instance(WorkflowStatus.Completed, nameof(RerunJobsOrchestrator), output: new RerunJobsResult([], [])).ToOperation(Json);

        Assert.IsType<RerunJobsResult>(operation.Result);
        Assert.Null(operation.Progress);
    }

    [Fact]
    public void ACompletedOrchestration_OfAnotherKind_HasNoResult() =>
        Assert.Null(Instance(WorkflowStatus.Completed, nameof(RunJobOrchestrator), output: "done").ToOperation(Json).Result);
}
