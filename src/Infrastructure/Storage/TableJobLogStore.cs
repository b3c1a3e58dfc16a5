using Azure;
using Azure.Data.Tables;
using GenImageFactory.Pipeline.Models;
using GenImageFactory.Pipeline.Ports;

namespace GenImageFactory.Infrastructure.Storage;

/// <summary>
/// Job logs in the <c>JobLogs</c> table: PK job id, RK the entry's workflow-derived key. Beside the lines, rows
/// from <c>~</c> (after every line key) hold how far each generation has got and the job's sum of it, written in
/// the lines' transaction under ETags, so a step reported twice or by two processes at once counts once.
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

    private readonly TableClient _table = tables.GetTableClient(StorageNames.JobLogsTable);

    public async Task<int> WriteAsync(string jobId, IReadOnlyList<JobLogEntry> entries, IReadOnlyList<GenerationStep> steps, CancellationToken cancellationToken)
    {
        // A transaction may not name one row twice; the last word on a key wins.
        var lines = new Queue<TableTransactionAction>(entries.GroupBy(e => e.Key).Select(g =>
            new TableTransactionAction(TableTransactionActionType.UpsertReplace, ToEntity(jobId, g.Last()))));
        var levels = steps.GroupBy(s => s.GenerationIndex).Select(g => new GenerationStep(g.Key, g.Max(s => s.Level))).ToList();
        var sum = 0;
        foreach (var group in levels.Chunk(MaxStepsPerBatch))
        {
            sum = await RaiseStepsAsync(jobId, group, lines, cancellationToken);
        }
        while (lines.Count > 0)
        {
            await _table.SubmitTransactionAsync(Take(lines, MaxBatch), cancellationToken);
        }
        return sum;
    }

    /// <summary>Raises the steps with as many lines as fit in the same transaction; again from a fresh read when a race is lost.</summary>
    private Task<int> RaiseStepsAsync(string jobId, IReadOnlyList<GenerationStep> steps, Queue<TableTransactionAction> lines, CancellationToken cancellationToken) =>
        OptimisticWrites.RunAsync(MaxRounds, async () =>
        {
            var rows = await Task.WhenAll(steps.Select(s => ReadRowAsync(jobId, StepKey(s.GenerationIndex), cancellationToken)));
            var sumRow = await ReadRowAsync(jobId, StepSumKey, cancellationToken);
            var actions = new List<TableTransactionAction>();
            var added = 0;
            foreach (var (step, row) in steps.Zip(rows))
            {
                var level = row?.GetInt32("Level") ?? 0;
                if (step.Level > level)
                {
                    added += step.Level - level;
                    actions.Add(Written(row, new TableEntity(jobId, StepKey(step.GenerationIndex)) { ["Level"] = step.Level }));
                }
            }
            var sum = (sumRow?.GetInt32("Units") ?? 0) + added;
            if (added == 0)
            {
                return sum;
            }
            actions.Add(Written(sumRow, new TableEntity(jobId, StepSumKey) { ["Units"] = sum }));
            var withLines = actions.Concat(lines.Take(MaxBatch - actions.Count)).ToList();
            await _table.SubmitTransactionAsync(withLines, cancellationToken);
            Take(lines, withLines.Count - actions.Count);
            return sum;
        }, cancellationToken);

    private static TableTransactionAction Written(TableEntity? current, TableEntity updated) => current is null
        ? new TableTransactionAction(TableTransactionActionType.Add, updated)
        : new TableTransactionAction(TableTransactionActionType.UpdateReplace, updated, current.ETag);

    private async Task<TableEntity?> ReadRowAsync(string jobId, string rowKey, CancellationToken cancellationToken)
    {
        var row = await _table.GetEntityIfExistsAsync<TableEntity>(jobId, rowKey, cancellationToken: cancellationToken);
        return row.HasValue ? row.Value : null;
    }

    private static List<TableTransactionAction> Take(Queue<TableTransactionAction> queue, int count)
    {
        var taken = new List<TableTransactionAction>(count);
        while (taken.Count < count && queue.TryDequeue(out var action))
        {
            taken.Add(action);
        }
        return taken;
    }

    private static string StepKey(int generationIndex) => $"{StepKeyPrefix}{generationIndex:D4}";

    public Task DeleteJobAsync(string jobId, CancellationToken cancellationToken) => PartitionDeletion.DeleteAsync(_table, jobId, cancellationToken);

    public async Task<IReadOnlyList<JobLogEntry>> ReadAsync(string jobId, CancellationToken cancellationToken, DateTimeOffset? after = null)
    {
        // Storage compares times to the millisecond at best (Azurite): it narrows, and the exact comparison is made here.
        var filter = after is { } time
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
        ["Message"] = e.Message,
        ["GenerationIndex"] = e.GenerationIndex,
        ["ImageId"] = e.ImageId,
    };
}
