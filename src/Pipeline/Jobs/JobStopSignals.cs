namespace GenImageFactory.Pipeline.Jobs;

/// <summary>
/// Stops the waits of a job's running steps in this process the moment the job is cancelled here. Steps in other
/// processes learn it from the job's status, which they read every few seconds while they wait.
/// </summary>
public sealed class JobStopSignals
{
    private readonly Dictionary<string, HashSet<CancellationTokenSource>> _waiting = [];

    /// <summary>Cancels <paramref name="wait"/> when the job is stopped, until the returned registration is disposed.</summary>
    public IDisposable Watch(string jobId, CancellationTokenSource wait)
    {
        lock (_waiting)
        {
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
