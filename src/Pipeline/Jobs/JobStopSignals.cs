namespace GenImageFactory.Pipeline.Jobs;

/// <summary>
/// Stops the waits of a job's running steps in this process the moment the job is cancelled here, and of steps
/// that start later (a step queued before the cancel still runs). Steps in other processes learn it from the job's
/// status, which they read every few seconds while they wait.
/// </summary>
public sealed class JobStopSignals
{
    /// <summary>Stopped jobs remembered for steps that start after the stop.</summary>
    private const int Remembered = 1000;

    private readonly Dictionary<string, HashSet<CancellationTokenSource>> _waiting = [];
    private readonly HashSet<string> _stopped = [];
    private readonly Queue<string> _stoppedInOrder = new();

    /// <summary>Cancels <paramref name="wait"/> when the job is stopped, until the returned registration is disposed.</summary>
    public IDisposable Watch(string jobId, CancellationTokenSource wait)
    {
        lock (_waiting)
        {
            if (_stopped.Contains(jobId))
            {
                wait.Cancel();
                return new Registration(this, jobId, wait);
            }
            if (!_waiting.TryGetValue(jobId, out var waits))
            {
                _waiting[jobId] = waits = [];
            }
            waits.Add(wait);
        }
        return new Registration(this, jobId, wait);
    }

    public void Stop(string jobId)
    {
        List<CancellationTokenSource> waits;
        lock (_waiting)
        {
            waits = _waiting.Remove(jobId, out var found) ? [.. found] : [];
            if (_stopped.Add(jobId))
            {
                _stoppedInOrder.Enqueue(jobId);
                if (_stoppedInOrder.Count > Remembered)
                {
                    _stopped.Remove(_stoppedInOrder.Dequeue());
                }
            }
        }
        waits.ForEach(w => w.Cancel());
    }

    private void Forget(string jobId, CancellationTokenSource wait)
    {
        lock (_waiting)
        {
            if (_waiting.TryGetValue(jobId, out var waits) && waits.Remove(wait) && waits.Count == 0)
            {
                _waiting.Remove(jobId);
            }
        }
    }

    private sealed class Registration(JobStopSignals signals, string jobId, CancellationTokenSource wait) : IDisposable
    {
        public void Dispose() => signals.Forget(jobId, wait);
    }
}
