using Azure.Data.Tables;
using GenImageFactory.Pipeline.Models;
using GenImageFactory.Pipeline.Ports;

namespace GenImageFactory.Infrastructure.Storage;

/// <summary>Job logs in the <c>JobLogs</c> table: PK job id, RK the entry's workflow-derived key.</summary>
public sealed class TableJobLogStore(TableServiceClient tables) : IJobLogStore
{
    private const int MaxBatch = 100;
    private readonly TableClient _table = tables.GetTableClient(StorageNames.JobLogsTable);

    public async Task WriteAsync(string jobId, IReadOnlyList<JobLogEntry> entries, CancellationToken cancellationToken)
    {
        // A transaction may not name one row twice; the last word on a key wins.
        var distinct = entries.GroupBy(e => e.Key).Select(g => g.Last());
        foreach (var chunk in distinct.Chunk(MaxBatch))
        {
            await _table.SubmitTransactionAsync(
                chunk.Select(e => new TableTransactionAction(TableTransactionActionType.UpsertReplace, ToEntity(jobId, e))),
                cancellationToken);
        }
    }

    public Task DeleteJobAsync(string jobId, CancellationToken cancellationToken) => PartitionDeletion.DeleteAsync(_table, jobId, cancellationToken);

    public async Task<IReadOnlyList<JobLogEntry>> ReadAsync(string jobId, CancellationToken cancellationToken)
    {
        var entries = new List<JobLogEntry>();
        await foreach (var e in _table.QueryAsync<TableEntity>(e => e.PartitionKey == jobId, cancellationToken: cancellationToken))
        {
            entries.Add(new JobLogEntry(
                e.RowKey,
                e.GetDateTime("Time") ?? DateTime.MinValue,
                e.GetString("Level") ?? JobLogLevel.Info,
                e.GetString("Message") ?? "",
                e.GetInt32("GenerationIndex"),
                e.GetString("ImageId")));
        }
        return entries.OrderBy(e => e.Timestamp).ThenBy(e => e.Key, StringComparer.Ordinal).ToList();
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
