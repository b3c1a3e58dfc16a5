using Microsoft.DurableTask;

namespace GenImageFactory.Pipeline.Orchestrations;

/// <summary>
/// A batch's generations waiting for their providers' calls (webhooks, raised to the batch as
/// <see cref="RunGenerationOrchestrator.ProviderTaskChangedEvent"/> with the task's id). The engine hands an event to
/// the oldest wait for its name, whichever task it names, so the waiting generations share one wait on the event and
/// one safety-net timer (<see cref="WakeTimer"/>): whichever of them wakes hands the call to the generation waiting on
/// that task and lets those whose safety net is due go on. A call that comes before its generation waits (the event
/// can be taken before the submitting step's answer) is kept for it.
/// </summary>
internal sealed class ProviderCallWaits(TaskOrchestrationContext context) : IDisposable
{
    private readonly Dictionary<string, (TaskCompletionSource Called, DateTime SafetyNet)> _waiting = [];
    private readonly HashSet<string> _calledEarly = [];
    private readonly WakeTimer _safetyNet = new(context);
    private Task<string>? _nextCall;

    /// <summary>Ends when the provider calls about <paramref name="taskId"/>, or at <paramref name="safetyNet"/>.</summary>
    public async Task UntilCalledAsync(string taskId, DateTime safetyNet)
    {
        if (_calledEarly.Remove(taskId))
        {
            return;
        }
        var called = new TaskCompletionSource();
        _waiting[taskId] = (called, safetyNet);
        while (!called.Task.IsCompleted)
        {
            _nextCall ??= context.WaitForExternalEvent<string>(RunGenerationOrchestrator.ProviderTaskChangedEvent);
            await Task.WhenAny(called.Task, _nextCall, _safetyNet.By(_waiting.Values.Min(w => w.SafetyNet)));
            Deliver();
        }
    }

    /// <summary>The call that came goes to its generation, and those whose safety net is due go on (each runs on to its next step).</summary>
    private void Deliver()
    {
        if (_nextCall is { IsCompleted: true } call)
        {
            _nextCall = null;
            if (!Release(call.Result))
            {
                // Its generation has not waited yet, or waits no more (a call twice or late): kept, and harmless if unclaimed.
                _calledEarly.Add(call.Result);
            }
        }
        var now = context.CurrentUtcDateTime;
        foreach (var taskId in _waiting.Where(w => w.Value.SafetyNet <= now).OrderBy(w => w.Value.SafetyNet).Select(w => w.Key).ToList())
        {
            Release(taskId);
        }
    }

    private bool Release(string taskId)
    {
        if (!_waiting.Remove(taskId, out var waiting))
        {
            return false;
        }
        waiting.Called.SetResult();
        return true;
    }

    public void Dispose() => _safetyNet.Dispose();
}
