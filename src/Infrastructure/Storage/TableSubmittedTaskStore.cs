using Azure.Data.Tables;
using GenImageFactory.Pipeline.Models;
using GenImageFactory.Pipeline.Ports;

namespace GenImageFactory.Infrastructure.Storage;

/// <summary>The <c>SubmittedTasks</c> table: PK job id, RK generation and attempt, the provider's task id and the prompt sent.</summary>
public sealed class TableSubmittedTaskStore(TableServiceClient tables) : ISubmittedTaskStore
{
    private static readonly string[] Columns = ["TaskId", "Prompt", "ProviderPrompt", "AspectRatio"];

    private readonly TableClient _table = tables.GetTableClient(StorageNames.SubmittedTasksTable);

    public async Task<SubmittedTask?> FindAsync(string jobId, int generationIndex, int attempt, CancellationToken cancellationToken)
    {
        var row = await _table.GetEntityIfExistsAsync<TableEntity>(jobId, RowKey(generationIndex, attempt), Columns, cancellationToken);
        if (!row.HasValue || row.Value!.GetString("TaskId") is not { } taskId)
        {
            return null;
        }
        var entity = row.Value;
        return new SubmittedTask(taskId, new PreparedPrompt(
            entity.GetString("Prompt") ?? "", entity.GetString("ProviderPrompt") ?? "", entity.GetString("AspectRatio") ?? ""));
    }

    public async Task RecordAsync(string jobId, int generationIndex, int attempt, string provider, SubmittedTask task, CancellationToken cancellationToken) =>
        await _table.UpsertEntityAsync(new TableEntity(jobId, RowKey(generationIndex, attempt))
        {
            ["Provider"] = provider,
            ["TaskId"] = task.TaskId,
            ["Prompt"] = task.Prompt.Prompt,
            ["ProviderPrompt"] = task.Prompt.ProviderPrompt,
            ["AspectRatio"] = task.Prompt.AspectRatio,
        }, TableUpdateMode.Replace, cancellationToken);

    public Task DeleteJobAsync(string jobId, CancellationToken cancellationToken) => PartitionDeletion.DeleteAsync(_table, jobId, cancellationToken);

    private static string RowKey(int generationIndex, int attempt) => $"g{generationIndex:D5}-a{attempt}";
}
