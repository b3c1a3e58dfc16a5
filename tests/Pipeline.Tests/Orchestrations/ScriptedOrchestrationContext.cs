using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace GenImageFactory.Pipeline.Tests.Orchestrations;

/// <summary>One activity call an orchestration made, with the time it was made.</summary>
public sealed record ScriptedCall(string Name, object? Input, DateTime At);

/// <summary>One sub-orchestration an orchestration started: pending until the test completes or fails it.</summary>
public sealed class ScriptedSubOrchestration(string name, object? input, string? instanceId, DateTime at, Task task, Action<object?> complete, Action<Exception> fail)
{
    public string Name => name;

    public object? Input => input;

    /// <summary>The instance id from its <see cref="SubOrchestrationOptions"/>, if it was given one.</summary>
    public string? InstanceId => instanceId;

    public DateTime At => at;

    public bool IsPending => !task.IsCompleted;

    /// <summary>Ends it with <paramref name="result"/>; the orchestration runs on (synchronously) to its next wait.</summary>
    public void Complete(object? result) => complete(result);

    /// <summary>Ends it as failed, as the engine reports a sub-orchestration that threw.</summary>
    public void Fail(string message) => fail(new TaskFailedException(name, 0, new InvalidOperationException(message)));
}

/// <summary>A durable timer armed while timers wait for the test (<c>timersWait</c>).</summary>
public sealed class ScriptedTimer(DateTime fireAt, Task task, Action<TimeSpan> fire)
{
    public DateTime FireAt => fireAt;

    /// <summary>Neither fired nor cancelled.</summary>
    public bool IsPending => !task.IsCompleted;

    /// <summary>Moves the clock to the timer's time (if later), less <paramref name="early"/> (as the provider can fire one), and fires it.</summary>
    public void Fire(TimeSpan early = default) => fire(early);
}

/// <summary>
/// An orchestration context driven by a script, for orchestrator unit tests: each activity call is answered by
/// <paramref name="answer"/> (an exception thrown there fails the call; a <see cref="Task{TResult}"/> returned there is the
/// call's pending result, which the test completes later), and may move the clock (a step that waits);
/// timers complete at once with the clock moved to their time, or, with <paramref name="timersWait"/>, stay pending
/// until the test fires them; sub-orchestrations stay pending until the test completes them; external events come when the
/// test raises them (<see cref="RaiseEvent"/>), kept until waited for when nothing waits, as the engine does.
/// Completing a pending task runs the orchestration on synchronously when no synchronization context is current.
/// </summary>
public sealed class ScriptedOrchestrationContext(Func<ScriptedOrchestrationContext, ScriptedCall, object?> answer, bool timersWait = false) : TaskOrchestrationContext
{
    private DateTime _now = new(2026, 11, 26, 12, 0, 0, DateTimeKind.Utc);

    public List<ScriptedCall> Calls { get; } = [];

    public List<DateTime> Timers { get; } = [];

    /// <summary>The timers armed while <c>timersWait</c> is on, in the order they were armed.</summary>
    public List<ScriptedTimer> PendingTimers { get; } = [];

    public List<ScriptedSubOrchestration> SubOrchestrations { get; } = [];

    /// <summary>Every activity call (<see cref="ScriptedCall"/>) and sub-orchestration (<see cref="ScriptedSubOrchestration"/>) in the order made.</summary>
    public List<object> Steps { get; } = [];

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
        Steps.Add(call);
        try
        {
            var answered = answer(this, call);
            return answered is Task<TResult> later ? later : Task.FromResult((TResult)answered!);
        }
        catch (Exception ex) when (ex is not InvalidCastException)
        {
            return Task.FromException<TResult>(new TaskFailedException(name.Name, Calls.Count, ex));
        }
    }

    public override Task CreateTimer(DateTime fireAt, CancellationToken cancellationToken)
    {
        Timers.Add(fireAt);
        if (!timersWait)
        {
            _now = fireAt > _now ? fireAt : _now;
            return Task.CompletedTask;
        }
        var timer = new TaskCompletionSource();
        cancellationToken.Register(() => timer.TrySetCanceled(cancellationToken));
        PendingTimers.Add(new ScriptedTimer(fireAt, timer.Task, early =>
        {
            _now = fireAt - early > _now ? fireAt - early : _now;
            timer.SetResult();
        }));
        return timer.Task;
    }

    private readonly Dictionary<string, Queue<object?>> _unreadEvents = [];
    private readonly Dictionary<string, Queue<Action<object?>>> _eventWaiters = [];

    /// <summary>Delivers an event to the orchestration's oldest wait for it, or keeps it for the next wait.</summary>
    public void RaiseEvent(string name, object? payload)
    {
        if (_eventWaiters.TryGetValue(name, out var waiters) && waiters.TryDequeue(out var waiter))
        {
            waiter(payload);
            return;
        }
        Queue(_unreadEvents, name).Enqueue(payload);
    }

    public override Task<T> WaitForExternalEvent<T>(string eventName, CancellationToken cancellationToken = default)
    {
        if (_unreadEvents.TryGetValue(eventName, out var unread) && unread.TryDequeue(out var payload))
        {
            return Task.FromResult((T)payload!);
        }
        var received = new TaskCompletionSource<T>();
        cancellationToken.Register(() => received.TrySetCanceled(cancellationToken));
        Queue(_eventWaiters, eventName).Enqueue(value => received.TrySetResult((T)value!));
        return received.Task;
    }

    private static Queue<TItem> Queue<TItem>(Dictionary<string, Queue<TItem>> queues, string name) =>
        queues.TryGetValue(name, out var queue) ? queue : queues[name] = new Queue<TItem>();

    public override void SendEvent(string instanceId, string eventName, object payload) => throw new NotSupportedException();

    public override void SetCustomStatus(object? customStatus)
    {
    }

    public override Task<TResult> CallSubOrchestratorAsync<TResult>(TaskName orchestratorName, object? input = null, TaskOptions? options = null)
    {
        var result = new TaskCompletionSource<TResult>();
        var instanceId = options is SubOrchestrationOptions subOptions ? subOptions.InstanceId : null;
        var call = new ScriptedSubOrchestration(orchestratorName.Name, input, instanceId, _now, result.Task,
            value => result.SetResult((TResult)value!), result.SetException);
        SubOrchestrations.Add(call);
        Steps.Add(call);
        return result.Task;
    }

    public override void ContinueAsNew(object? newInput = null, bool preserveUnprocessedEvents = true) => throw new NotSupportedException();

    public override Guid NewGuid() => throw new NotSupportedException("Orchestrations here make their ids from their input.");
}
