using DurableTask.Core;
using GenImageFactory.Pipeline.Ports;
using GenImageFactory.Server.Durable;
using GenImageFactory.Server.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace GenImageFactory.Server.Tests;

/// <summary>A job's orchestration starts once, however often and however concurrently it is asked to.</summary>
public class WorkflowStartTests(FactoryFixture factory) : IClassFixture<FactoryFixture>
{
    private T Service<T>() where T : notnull => factory.Services.GetRequiredService<T>();

    private async Task<OrchestrationState> StateAsync(string instanceId) =>
        await (await Service<DurableEngine>().Client).GetOrchestrationStateAsync(instanceId) ?? throw new InvalidOperationException($"{instanceId} has no orchestration");

    [Fact]
    public async Task StartingAFinishedJobAgain_AtOnceFromSeveralCallers_LeavesItsOneExecutionAsItEnded()
    {
        var jobId = await factory.Client.StartJobAsync(Configurations.Job(1, aspectRatios: "1:1"));
        await factory.Client.WaitForJobAsync(jobId, TimeSpan.FromMinutes(3));
        await Eventually.TrueAsync(async () => (await StateAsync(jobId)).OrchestrationStatus == OrchestrationStatus.Completed,
            TimeSpan.FromMinutes(1), "the job's orchestration never completed");
        var ended = await StateAsync(jobId);

        var workflow = Service<IWorkflowClient>();
        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => workflow.StartJobAsync(jobId, CancellationToken.None)));

        var after = await StateAsync(jobId);
        Assert.Equal((OrchestrationStatus.Completed, ended.OrchestrationInstance.ExecutionId), (after.OrchestrationStatus, after.OrchestrationInstance.ExecutionId));
        Assert.False(await workflow.IsJobAliveAsync(jobId, CancellationToken.None));
    }

    [Fact]
    public void EveryEngineStatus_HasItsWorkflowStatus()
    {
        foreach (var status in Enum.GetValues<OrchestrationStatus>())
        {
            Assert.Equal(status.ToString(), WorkflowInstance.StatusOf(status).ToString());
        }
    }
}
