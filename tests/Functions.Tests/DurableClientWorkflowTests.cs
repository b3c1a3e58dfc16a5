using GenImageFactory.Functions.Durable;
using GenImageFactory.Pipeline.Orchestrations;
using Grpc.Core;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace GenImageFactory.Functions.Tests;

/// <summary>
/// The Functions host's durable client refuses an event for an instance that is missing or no longer running (the
/// host cannot run here: the client below answers with the host's own gRPC statuses). A provider's call that comes
/// late, or twice, still gets its 202; any other failure still reaches the caller.
/// </summary>
public class DurableClientWorkflowTests
{
    [Theory]
    [InlineData(StatusCode.NotFound)]
    [InlineData(StatusCode.FailedPrecondition)]
    public async Task AnEventForAnInstanceThatIsGoneOrEnded_IsDropped(StatusCode refusal)
    {
        var client = new RefusingClient(new RpcException(new Status(refusal, "refused")));
        var workflow = new DurableClientWorkflow(new DurableClientScope { Client = client });

        await workflow.TellTaskChangedAsync("20261126-120000000-abcd:b0000", "t1", CancellationToken.None);
        await workflow.TellBatchTaskEndedAsync("20261126-120000000-abcd:b0000", new ProviderTaskEnd(3, 0.02m), CancellationToken.None);

        Assert.Equal(
            [("20261126-120000000-abcd:b0000", RunGenerationOrchestrator.ProviderTaskChangedEvent), ("20261126-120000000-abcd:b0000", RunGenerationBatchOrchestrator.ProviderTaskEndedEvent)],
            client.Raised);
    }

    [Fact]
    public async Task AnyOtherFailureToRaise_ReachesTheCaller()
    {
        var client = new RefusingClient(new RpcException(new Status(StatusCode.Unavailable, "host down")));
        var workflow = new DurableClientWorkflow(new DurableClientScope { Client = client });

        var thrown = await Assert.ThrowsAsync<RpcException>(() => workflow.TellTaskChangedAsync("20261126-120000000-abcd:g0001", "t1", CancellationToken.None));

        Assert.Equal(StatusCode.Unavailable, thrown.StatusCode);
    }

    /// <summary>Answers every raised event with <paramref name="refusal"/>, as the host does; nothing else is expected of it.</summary>
    private sealed class RefusingClient(RpcException refusal) : DurableTaskClient("host-like")
    {
        public List<(string InstanceId, string EventName)> Raised { get; } = [];

        public override Task RaiseEventAsync(string instanceId, string eventName, object? eventPayload = null, CancellationToken cancellation = default)
        {
            Raised.Add((instanceId, eventName));
            return Task.FromException(refusal);
        }

        public override ValueTask DisposeAsync() => ValueTask.CompletedTask;

        public override AsyncPageable<OrchestrationMetadata> GetAllInstancesAsync(OrchestrationQuery? filter = null) => throw new NotSupportedException();

        public override Task<OrchestrationMetadata?> GetInstancesAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default) =>
            throw new NotSupportedException();

        public override Task ResumeInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellation = default) => throw new NotSupportedException();

        public override Task<string> ScheduleNewOrchestrationInstanceAsync(TaskName orchestratorName, object? input = null, StartOrchestrationOptions? options = null, CancellationToken cancellation = default) =>
            throw new NotSupportedException();

        public override Task SuspendInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellation = default) => throw new NotSupportedException();

        public override Task<OrchestrationMetadata> WaitForInstanceCompletionAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default) =>
            throw new NotSupportedException();

        public override Task<OrchestrationMetadata> WaitForInstanceStartAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default) =>
            throw new NotSupportedException();
    }
}
