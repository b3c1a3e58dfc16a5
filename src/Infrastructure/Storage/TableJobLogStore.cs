using Azure;
using Azure.Data.Tables;
using GenImageFactory.Pipeline.Models;
using GenImageFactory.Pipeline.Ports;

namespace GenImageFactory.Infrastructure.Storage;

/// <summary>
/// Job logs in the <c>JobLogs</c> table: PK job id, RK the entry's workflow-derived key. Beside the lines, rows
/// from <c>~</c> (after every line key) hold how far each generation has got and the job's sum of it, written in
/// the lines' transaction under ETags, so a step reported twice or by two processes at once counts once; the sum
/// row also orders the lines' stamps by when they were written (see <see cref="CommitAsync"/>).
/// </summary>
public sealed class TableJobLogStore(TableServiceClient tables) : IJobLogStore
{
    private const int MaxBatch = 100;

    /// <summary>Generations whose steps go in one transaction, leaving room for lines and the sum.</summary>
    private const int MaxStepsPerBatch = 60;
    private const int MaxRounds = 16;
    private const string StepKeyPrefix = "~step-";
    private const string StepSumKey = "~steps";
    private const string LineKeysEnd = "~";

    /// <summary>Jobs whose progress rows this process keeps in mind: more than it works on at once.</summary>
    private const int KnownJobs = 64;

    private readonly TableClient _table = tables.GetTableClient(StorageNames.JobLogsTable);
    private readonly KnownProgressRows _known = new(KnownJobs);

    public async Task<LogWrite> WriteAsync(string jobId, IReadOnlyList<JobLogEntry> entries, IReadOnlyList<GenerationStep> steps, CancellationToken cancellationToken)
    {
        if (entries.Count == 0 && steps.Count == 0)
        {
            return new LogWrite(0, Continued: false);
        }
        // A transaction may not name one row twice; the last word on a key wins.
        var lines = new Queue<JobLogEntry>(entries.GroupBy(e => e.Key).Select(g => g.Last())
            .OrderBy(e => e.Timestamp).ThenBy(e => e.Key, StringComparer.Ordinal));
        var levels = new Queue<GenerationStep>(steps.GroupBy(s => s.GenerationIndex).Select(g => new GenerationStep(g.Key, g.Max(s => s.Level))));
        var written = new WrittenBefore();
        var write = await CommitAsync(jobId, Take(levels, MaxStepsPerBatch), lines, written, cancellationToken);
        while (levels.Count > 0 || lines.Count > 0)
        {
            var committed = await CommitAsync(jobId, Take(levels, MaxStepsPerBatch), lines, written, cancellationToken);
            write = new LogWrite(committed.Units, write.Continued && committed.Continued);
        }
        return write;
    }

    /// <summary>
    /// Lines of this write whose key a row holds already (a step that ran again after its process was killed, or a write
    /// that succeeded though its answer was lost): the same line again is left as it is, under its first stamp, so a
    /// follower is not given it twice; a line whose words changed replaces it under a new stamp, as news.
    /// </summary>
    private sealed class WrittenBefore
    {
        public HashSet<string> Same { get; } = new(StringComparer.Ordinal);
        public HashSet<string> Changed { get; } = new(StringComparer.Ordinal);
    }

    /// <summary>
    /// Raises the steps and writes as many lines as fit, in one transaction with the job's sum, planned from the rows
    /// this process knows (<see cref="KnownProgressRows"/>) or else read; again from a fresh read when a race is lost.
    /// The sum row also keeps the last line's stamp, and each line is stamped after it: the transactions of one job's
    /// log are ordered by the sum's ETag, so a line that becomes visible later always carries a later stamp, and a
    /// follower asking for the lines after the newest it has (<c>?after=</c>) misses none, whichever process wrote
    /// them and however long a line waited before its write. Continued when the sum was replaced under an ETag known
    /// before this write (a row read now proves nothing about the time between).
    /// </summary>
    private Task<LogWrite> CommitAsync(string jobId, IReadOnlyList<GenerationStep> steps, Queue<JobLogEntry> lines, WrittenBefore before, CancellationToken cancellationToken) =>
        OptimisticWrites.RunAsync(MaxRounds, async () =>
        {
            var keys = steps.Select(s => StepKey(s.GenerationIndex)).Append(StepSumKey).ToList();
            var known = _known.Of(jobId, keys);
            var rows = known ?? await ReadRowsAsync(jobId, keys, cancellationToken);
            var actions = new List<TableTransactionAction>();
            var written = new List<(string RowKey, KnownRow Row)>();
            var added = 0;
            foreach (var step in steps)
            {
                var key = StepKey(step.GenerationIndex);
                var level = rows[key]?.Value ?? 0;
                if (step.Level > level)
                {
                    added += step.Level - level;
                    actions.Add(Written(rows[key], new TableEntity(jobId, key) { ["Level"] = step.Level }));
                    written.Add((key, new KnownRow(step.Level, default)));
                }
            }
            var sumRow = rows[StepSumKey];
            var sum = (sumRow?.Value ?? 0) + added;
            var taken = lines.Take(MaxBatch - actions.Count - 1).ToList();
            if (added == 0 && taken.All(l => before.Same.Contains(l.Key)))
            {
                Take(lines, taken.Count);
                return new LogWrite(sum, Continued: false);
            }
            var last = sumRow?.LastStamp ?? default;
            var lineActions = new List<JobLogEntry>();
            foreach (var line in taken.Where(l => !before.Same.Contains(l.Key)))
            {
                // Whole milliseconds, each after the last: a client that keeps times as JavaScript Dates (or any other
                // millisecond clock) passes a stamp back as `after` exactly, and is given no line twice.
                var own = WholeMilliseconds(line.Timestamp);
                var next = WholeMilliseconds(last).AddMilliseconds(1);
                last = own > next ? own : next;
                var type = before.Changed.Contains(line.Key) ? TableTransactionActionType.UpsertReplace : TableTransactionActionType.Add;
                actions.Add(new TableTransactionAction(type, ToEntity(jobId, line with { Timestamp = last })));
                lineActions.Add(line);
            }
            var sumAction = Written(sumRow, new TableEntity(jobId, StepSumKey) { ["Units"] = sum, ["LastStamp"] = DateTime.SpecifyKind(last, DateTimeKind.Utc) });
            actions.Insert(written.Count, sumAction);
            written.Add((StepSumKey, new KnownRow(sum, default, last)));
            Response<IReadOnlyList<Response>> response;
            try
            {
                response = await _table.SubmitTransactionAsync(actions, cancellationToken);
            }
            catch (RequestFailedException ex)
            {
                // A row changed elsewhere (or a known one went): plan again from what storage holds.
                _known.Forget(jobId);
                if (ex is TableTransactionFailedException { FailedTransactionActionIndex: { } failed } && ex.ErrorCode == "EntityAlreadyExists"
                    && failed >= actions.Count - lineActions.Count)
                {
                    // Storage names the first line it holds already; a step that ran again wrote them all: look at each once.
                    await Task.WhenAll(lineActions.Select(line => SortWrittenBeforeAsync(jobId, line, before, cancellationToken)));
                }
                throw;
            }
            // The answers come in the order of the actions, each with its row's new ETag (without one, read next time).
            var etags = response.Value.Take(written.Count).Select(r => r.Headers.ETag).ToList();
            if (etags.Count == written.Count && etags.All(e => e is not null))
            {
                _known.Remember(jobId, written.Zip(etags, (w, etag) => (w.RowKey, (KnownRow?)(w.Row with { ETag = etag!.Value }))));
            }
            else
            {
                _known.Forget(jobId);
            }
            Take(lines, taken.Count);
            return new LogWrite(sum, Continued: known?[StepSumKey] is not null);
        }, cancellationToken);

    /// <summary>Whether a line's key is held already, saying the same (then it stays) or something new (it replaces it).</summary>
    private async Task SortWrittenBeforeAsync(string jobId, JobLogEntry line, WrittenBefore before, CancellationToken cancellationToken)
    {
        var row = await _table.GetEntityIfExistsAsync<TableEntity>(jobId, line.Key, ["Level", "Message"], cancellationToken);
        if (!row.HasValue)
        {
            return;
        }
        var same = row.Value!.GetString("Level") == line.Level && row.Value.GetString("Message") == TableText.Cut(line.Message);
        lock (before)
        {
            (same ? before.Same : before.Changed).Add(line.Key);
        }
    }

    /// <summary>The rows by key (null: absent), read, and then known.</summary>
    private async Task<IReadOnlyDictionary<string, KnownRow?>> ReadRowsAsync(string jobId, IReadOnlyList<string> keys, CancellationToken cancellationToken)
    {
        var read = await Task.WhenAll(keys.Select(async key => (RowKey: key, Row: await ReadRowAsync(jobId, key, cancellationToken))));
        _known.Remember(jobId, read);
        return read.ToDictionary(r => r.RowKey, r => r.Row);
    }

    private static TableTransactionAction Written(KnownRow? current, TableEntity updated) => current is null
        ? new TableTransactionAction(TableTransactionActionType.Add, updated)
        : new TableTransactionAction(TableTransactionActionType.UpdateReplace, updated, current.ETag);

    private async Task<KnownRow?> ReadRowAsync(string jobId, string rowKey, CancellationToken cancellationToken)
    {
        var row = await _table.GetEntityIfExistsAsync<TableEntity>(jobId, rowKey, ["Level", "Units", "LastStamp"], cancellationToken);
        return row.HasValue
            ? new KnownRow(row.Value!.GetInt32("Level") ?? row.Value.GetInt32("Units") ?? 0, row.Value.ETag, row.Value.GetDateTime("LastStamp") ?? default)
            : null;
    }

    private static List<T> Take<T>(Queue<T> queue, int count)
    {
        var taken = new List<T>(count);
        while (taken.Count < count && queue.TryDequeue(out var action))
        {
            taken.Add(action);
        }
        return taken;
    }

    private static string StepKey(int generationIndex) => $"{StepKeyPrefix}{generationIndex:D4}";

    private static DateTime WholeMilliseconds(DateTime time) => new(time.Ticks - time.Ticks % TimeSpan.TicksPerMillisecond, DateTimeKind.Utc);

    public Task DeleteJobAsync(string jobId, CancellationToken cancellationToken)
    {
        _known.Forget(jobId);
        return PartitionDeletion.DeleteAsync(_table, jobId, cancellationToken);
    }

    private static readonly DateTime EarliestTableTime = new(1601, 1, 2, 0, 0, 0, DateTimeKind.Utc);

    public async Task<IReadOnlyList<JobLogEntry>> ReadAsync(string jobId, CancellationToken cancellationToken, DateTimeOffset? after = null)
    {
        // Storage compares times to the millisecond at best (Azurite): it narrows, and the exact comparison is made here.
        // Table times start in 1601, so an earlier `after` narrows nothing (and would be refused as a filter).
        var filter = after is { } time && time.UtcDateTime > EarliestTableTime
            ? TableClient.CreateQueryFilter($"PartitionKey eq {jobId} and RowKey lt {LineKeysEnd} and Time ge {time.UtcDateTime.AddMilliseconds(-1)}")
            : TableClient.CreateQueryFilter($"PartitionKey eq {jobId} and RowKey lt {LineKeysEnd}");
        var entries = new List<JobLogEntry>();
        await foreach (var e in _table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            entries.Add(new JobLogEntry(
                e.RowKey,
                e.GetDateTime("Time") ?? DateTime.MinValue,
                e.GetString("Level") ?? JobLogLevel.Info,
                e.GetString("Message") ?? "",
                e.GetInt32("GenerationIndex"),
                e.GetString("ImageId")));
        }
        return entries.Where(e => after is null || e.Timestamp > after.Value.UtcDateTime)
            .OrderBy(e => e.Timestamp).ThenBy(e => e.Key, StringComparer.Ordinal).ToList();
    }

    private static TableEntity ToEntity(string jobId, JobLogEntry e) => new(jobId, e.Key)
    {
        ["Time"] = DateTime.SpecifyKind(e.Timestamp, DateTimeKind.Utc),
        ["Level"] = e.Level,
        ["Message"] = TableText.Cut(e.Message),
        ["GenerationIndex"] = e.GenerationIndex,
        ["ImageId"] = e.ImageId,
    };
}
