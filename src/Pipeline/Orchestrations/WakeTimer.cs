using Microsoft.DurableTask;

namespace GenImageFactory.Pipeline.Orchestrations;

/// <summary>
/// One durable timer kept across a loop's waits: a wait that a generation ending cut short reuses it instead of
/// arming another. Every timer armed fires later as a message and an episode, even a cancelled one, so re-arming
/// at each wait would cost an episode per generation. Disposing cancels the one still pending.
/// </summary>
internal sealed class WakeTimer(TaskOrchestrationContext context) : IDisposable
{
    private readonly CancellationTokenSource _cancellation = new();
    private Task? _timer;
    private DateTime _due;

    /// <summary>A timer that fires by <paramref name="due"/>: the pending one when it fires no later, else a new one.</summary>
    public Task By(DateTime due)
    {
        if (_timer is null || _timer.IsCompleted || due < _due)
        {
            _timer = DurableDelay.UntilAsync(context, due, _cancellation.Token);
            _due = due;
        }
        return _timer;
    }

    public void Dispose()
    {
        _cancellation.Cancel();
        _cancellation.Dispose();
    }
}
