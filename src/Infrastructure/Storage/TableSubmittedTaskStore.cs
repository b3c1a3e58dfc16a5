using Azure.Data.Tables;
using GenImageFactory.Pipeline.Ports;

namespace GenImageFactory.Infrastructure.Storage;

/// <summary>The <c>SubmittedTasks</c> table: PK job id, RK generation and attempt, the provider's task id.</summary>
public sealed class TableSubmittedTaskStore(TableServiceClient tables) : ISubmittedTaskStore
{
    private readonly TableClient _table = tables.GetTableClient(StorageNames.SubmittedTasksTable);

    public async Task<string?> FindAsync(string jobId, int generationIndex, int attempt, CancellationToken cancellationToken)
    {
        var row = await _table.GetEntityIfExistsAsync<TableEntity>(jobId, RowKey(generationIndex, attempt), ["TaskId"], cancellationToken);
        return row.HasValue ? row.Value!.GetString("TaskId") : null;
    }

    public async Task RecordAsync(string jobId, int generationIndex, int attempt, string provider, string taskId, CancellationToken cancellationToken) =>
        await _table.UpsertEntityAsync(new TableEntity(jobId, RowKey(generationIndex, attempt)) { ["Provider"] = provider, ["TaskId"] = taskId },
            TableUpdateMode.Replace, cancellationToken);

    public Task DeleteJobAsync(string jobId, CancellationToken cancellationToken) => PartitionDeletion.DeleteAsync(_table, jobId, cancellationToken);

    private static string RowKey(int generationIndex, int attempt) => $"g{generationIndex:D5}-a{attempt}";
}
