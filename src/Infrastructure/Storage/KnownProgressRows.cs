using Azure;

namespace GenImageFactory.Infrastructure.Storage;

/// <summary>
/// A counter row as last read or written here: its value and the ETag it had then; for the job's sum, also the stamp of
/// the last line written with it.
/// </summary>
internal sealed record KnownRow(int Value, ETag ETag, DateTime LastStamp = default);

/// <summary>
/// The progress rows (each generation's step and the job's sum) of the jobs this process writes logs for, as it
/// last read or wrote them. A writer that knows a job's rows plans its next write from them instead of reading
/// them again, under their ETags, and a row it does not know is taken as absent: a row someone else changed or
/// added fails that write, which then forgets the job and plans again from a fresh read. Most log writes of a
/// running job come from the process that wrote its previous ones, so most read nothing.
/// </summary>
internal sealed class KnownProgressRows(int capacity)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Dictionary<string, KnownRow>> _jobs = [];
    /// <summary>Jobs in the order they became known: past the capacity, the earliest is forgotten.</summary>
    private readonly LinkedList<string> _byAge = new();

    /// <summary>The job's rows of these keys (null: absent), or null when this process does not know the job's rows.</summary>
    public IReadOnlyDictionary<string, KnownRow?>? Of(string jobId, IReadOnlyList<string> rowKeys)
    {
        lock (_gate)
        {
            return _jobs.TryGetValue(jobId, out var rows) ? rowKeys.ToDictionary(k => k, k => rows.GetValueOrDefault(k)) : null;
        }
    }

    /// <summary>Records rows just read or written (a null row: read and absent).</summary>
    public void Remember(string jobId, IEnumerable<(string RowKey, KnownRow? Row)> rows)
    {
        lock (_gate)
        {
            if (!_jobs.TryGetValue(jobId, out var known))
            {
                _jobs[jobId] = known = [];
                _byAge.AddFirst(jobId);
                while (_jobs.Count > capacity)
                {
                    _jobs.Remove(_byAge.Last!.Value);
                    _byAge.RemoveLast();
                }
            }
            foreach (var (rowKey, row) in rows)
            {
                if (row is null)
                {
                    known.Remove(rowKey);
                }
                else
                {
                    known[rowKey] = row;
                }
            }
        }
    }

    public void Forget(string jobId)
    {
        lock (_gate)
        {
            if (_jobs.Remove(jobId))
            {
                _byAge.Remove(jobId);
            }
        }
    }
}
