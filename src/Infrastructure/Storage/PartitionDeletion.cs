using Azure;
using Azure.Data.Tables;

namespace GenImageFactory.Infrastructure.Storage;

internal static class PartitionDeletion
{
    /// <summary>
    /// Deletes every row of one partition, 100 per transaction (the service's limit). Another deleter of the same
    /// partition (two deletes of one job at once) may take rows first: a transaction that meets a row already gone
    /// fails whole, so its rows are then deleted one by one, where a missing one is no error.
    /// </summary>
    public static async Task DeleteAsync(TableClient table, string partitionKey, CancellationToken cancellationToken)
    {
        var keys = new List<string>();
        await foreach (var entity in table.QueryAsync<TableEntity>(e => e.PartitionKey == partitionKey, select: ["RowKey"], cancellationToken: cancellationToken))
        {
            keys.Add(entity.RowKey);
        }
        foreach (var chunk in keys.Chunk(100))
        {
            try
            {
                await table.SubmitTransactionAsync(
                    chunk.Select(rk => new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(partitionKey, rk), ETag.All)),
                    cancellationToken);
            }
            catch (TableTransactionFailedException ex) when (ex.Status == 404)
            {
                foreach (var rowKey in chunk)
                {
                    await DeleteIfExistsAsync(table, partitionKey, rowKey, cancellationToken);
                }
            }
        }
    }

    public static async Task DeleteIfExistsAsync(TableClient table, string partitionKey, string rowKey, CancellationToken cancellationToken)
    {
        try
        {
            await table.DeleteEntityAsync(partitionKey, rowKey, ETag.All, cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
        }
    }
}
