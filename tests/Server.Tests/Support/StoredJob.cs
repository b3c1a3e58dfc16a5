using Azure.Data.Tables;
using Azure.Storage.Blobs;
using SkiaSharp;

namespace GenImageFactory.Server.Tests.Support;

/// <summary>What storage itself holds for a job, read directly from Azurite (not through our API).</summary>
public static class StoredJob
{
    public static async Task<List<TableEntity>> ImageRowsAsync(TableServiceClient tables, string jobId)
    {
        var rows = new List<TableEntity>();
        await foreach (var row in tables.GetTableClient("Images").QueryAsync<TableEntity>(e => e.PartitionKey == jobId))
        {
            rows.Add(row);
        }
        return rows;
    }

    public static async Task<List<string>> BlobNamesAsync(BlobServiceClient blobs, string jobId)
    {
        var names = new List<string>();
        await foreach (var blob in blobs.GetBlobContainerClient("images").GetBlobsAsync(Azure.Storage.Blobs.Models.BlobTraits.None, Azure.Storage.Blobs.Models.BlobStates.None, jobId + "/", CancellationToken.None))
        {
            names.Add(blob.Name);
        }
        return names;
    }

    /// <summary>Decodes a stored blob and returns its real pixel size.</summary>
    public static async Task<(int Width, int Height)> DecodedSizeAsync(BlobServiceClient blobs, string blobName)
    {
        var content = await blobs.GetBlobContainerClient("images").GetBlobClient(blobName).DownloadContentAsync();
        using var bitmap = SKBitmap.Decode(content.Value.Content.ToArray()) ?? throw new InvalidDataException($"{blobName} is not an image");
        return (bitmap.Width, bitmap.Height);
    }

    /// <summary>The rows of a table, without the statistics' running totals (row keys from <c>~</c>) kept beside the jobs.</summary>
    public static async Task<int> CountAsync(TableServiceClient tables, string table)
    {
        var count = 0;
        await foreach (var _ in tables.GetTableClient(table).QueryAsync<TableEntity>("RowKey lt '~'", select: ["PartitionKey"]))
        {
            count++;
        }
        return count;
    }
}
