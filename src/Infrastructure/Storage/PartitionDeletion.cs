using Azure.Data.Tables;

namespace GenImageFactory.Infrastructure.Storage;

internal static class PartitionDeletion
{
    /// <summary>Deletes every row of one partition, 100 per transaction (the service's limit).</summary>
    public static async Task DeleteAsync(TableClient table, string partitionKey, CancellationToken cancellationToken)
    {
        var keys = new List<string>();
        await foreach (var entity in table.QueryAsync<TableEntity>(e => e.PartitionKey == partitionKey, select: ["RowKey"], cancellationToken: cancellationToken))
        {
            keys.Add(entity.RowKey);
        }
        foreach (var chunk in keys.Chunk(100))
        {
            await table.SubmitTransactionAsync(
                chunk.Select(rk => new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(partitionKey, rk), Azure.ETag.All)),
                cancellationToken);
        }
    }
}
