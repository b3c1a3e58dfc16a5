namespace GenImageFactory.Emulators.PiApi;

/// <summary>
/// Tasks at the provider that have not finished by their own clock (submitted, latency not yet passed), and the
/// most there ever were at once: what a provider's concurrency limit counts, so tests can prove a cap holds.
/// Observation only: task answers still derive from the task id and the time, so a restart changes none of them.
/// Tasks that never finish are left out; the client gives up on them at its polling timeout, which the emulator cannot see.
/// </summary>
public sealed class InFlightTasks
{
    private readonly Lock _lock = new();
    private readonly List<long> _endsAt = [];
    private int _peak;

    /// <summary>Counts a task submitted at <paramref name="nowUnixMs"/> that finishes at <paramref name="endsAtUnixMs"/>.</summary>
    public void Add(long nowUnixMs, long endsAtUnixMs)
    {
        lock (_lock)
        {
            _endsAt.RemoveAll(end => end <= nowUnixMs);
            _endsAt.Add(endsAtUnixMs);
            _peak = Math.Max(_peak, _endsAt.Count);
        }
    }

    public int CountAt(long nowUnixMs)
    {
        lock (_lock)
        {
            return _endsAt.Count(end => end > nowUnixMs);
        }
    }

    /// <summary>The most tasks in flight at once since the start or the last <see cref="ResetPeak"/>.</summary>
    public int Peak
    {
        get
        {
            lock (_lock)
            {
                return _peak;
            }
        }
    }

    /// <summary>Starts a new measurement from the tasks in flight now.</summary>
    public void ResetPeak(long nowUnixMs)
    {
        lock (_lock)
        {
            _endsAt.RemoveAll(end => end <= nowUnixMs);
            _peak = _endsAt.Count;
        }
    }
}
