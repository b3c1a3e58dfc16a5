using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace GenImageFactory.Pipeline.Tests.Orchestrations;

/// <summary>One activity call an orchestration made, with the time it was made.</summary>
public sealed record ScriptedCall(string Name, object? Input, DateTime At);

/// <summary>
/// An orchestration context driven by a script, for orchestrator unit tests: each activity call is answered by
/// <paramref name="answer"/> (an exception thrown there fails the call), and may move the clock (a step that waits);
/// timers complete at once with the clock moved to their time; external events never come.
/// </summary>
public sealed class ScriptedOrchestrationContext(Func<ScriptedOrchestrationContext, ScriptedCall, object?> answer) : TaskOrchestrationContext
{
    private DateTime _now = new(2026, 11, 26, 12, 0, 0, DateTimeKind.Utc);

    public List<ScriptedCall> Calls { get; } = [];

    public List<DateTime> Timers { get; } = [];

    public void Advance(TimeSpan by) => _now += by;

    public override TaskName Name => "scripted";

    public override string InstanceId => "20261126-scripted:g0000";

    public override ParentOrchestrationInstance? Parent => null;

    public override DateTime CurrentUtcDateTime => _now;

    public override bool IsReplaying => false;

    protected override ILoggerFactory LoggerFactory => NullLoggerFactory.Instance;

    public override T GetInput<T>() => throw new NotSupportedException("The test passes the input to RunAsync.");

    public override Task<TResult> CallActivityAsync<TResult>(TaskName name, object? input = null, TaskOptions? options = null)
    {
        var call = new ScriptedCall(name.Name, input, _now);
        Calls.Add(call);
        try
        {
            return Task.FromResult((TResult)answer(this, call)!);
        }
        catch (Exception ex) when (ex is not InvalidCastException)
        {
            return Task.FromException<TResult>(new TaskFailedException(name.Name, Calls.Count, ex));
        }
    }

    public override Task CreateTimer(DateTime fireAt, CancellationToken cancellationToken)
    {
        Timers.Add(fireAt);
        _now = fireAt > _now ? fireAt : _now;
        return Task.CompletedTask;
    }

    public override Task<T> WaitForExternalEvent<T>(string eventName, CancellationToken cancellationToken = default) =>
        Task.Delay(Timeout.Infinite, cancellationToken).ContinueWith(_ => default(T)!, TaskScheduler.Default);

    public override void SendEvent(string instanceId, string eventName, object payload) => throw new NotSupportedException();

    public override void SetCustomStatus(object? customStatus)
    {
    }

    public override Task<TResult> CallSubOrchestratorAsync<TResult>(TaskName orchestratorName, object? input = null, TaskOptions? options = null) =>
        throw new NotSupportedException();

    public override void ContinueAsNew(object? newInput = null, bool preserveUnprocessedEvents = true) => throw new NotSupportedException();

    public override Guid NewGuid() => throw new NotSupportedException("Orchestrations here make their ids from their input.");
}
