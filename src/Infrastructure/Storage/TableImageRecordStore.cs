using System.Text.Json;
using Azure.Data.Tables;
using GenImageFactory.Domain.Jobs;
using GenImageFactory.Pipeline.Models;
using GenImageFactory.Pipeline.Ports;


namespace GenImageFactory.Infrastructure.Storage;

/// <summary>Image records in the <c>Images</c> table: PK job id, RK mapping id (sorted in generation order).</summary>
public sealed class TableImageRecordStore(TableServiceClient tables) : IImageRecordStore
{
    /// <summary>The table service's limit on one transaction.</summary>
    private const int MaxBatch = 100;

    private readonly TableClient _table = tables.GetTableClient(StorageNames.ImagesTable);

    public async Task UpsertAsync(string jobId, IReadOnlyList<ImageRecord> images, CancellationToken cancellationToken)
    {
        foreach (var chunk in images.Chunk(MaxBatch))
        {
            var actions = chunk.Select(i => new TableTransactionAction(TableTransactionActionType.UpsertReplace, ToEntity(i)));
            await _table.SubmitTransactionAsync(actions, cancellationToken);
        }
    }

    // An update, never an insert: a record deleted meanwhile stays deleted.
    public Task<string?> ReplaceExistingAsync(ImageRecord image, CancellationToken cancellationToken) =>
        ReplaceAsync(image, Azure.ETag.All, cancellationToken);

    public Task<string?> ReplaceIfUnchangedAsync(ImageRecord image, CancellationToken cancellationToken) =>
        ReplaceAsync(image, image.ETag is { } etag ? new Azure.ETag(etag) : Azure.ETag.All, cancellationToken);

    private async Task<string?> ReplaceAsync(ImageRecord image, Azure.ETag ifMatch, CancellationToken cancellationToken)
    {
        try
        {
            var response = await _table.UpdateEntityAsync(ToEntity(image), ifMatch, TableUpdateMode.Replace, cancellationToken);
            return response.Headers.ETag?.ToString() ?? "";
        }
        catch (Azure.RequestFailedException ex) when (ex.Status is 404 or 412)
        {
            return null;
        }
    }

    public async Task DeleteAsync(string jobId, string imageId, CancellationToken cancellationToken) =>
        await _table.DeleteEntityAsync(jobId, imageId, Azure.ETag.All, cancellationToken);

    public Task DeleteJobAsync(string jobId, CancellationToken cancellationToken) => PartitionDeletion.DeleteAsync(_table, jobId, cancellationToken);

    public async Task<ImageRecord?> GetAsync(string jobId, string imageId, CancellationToken cancellationToken)
    {
        var response = await _table.GetEntityIfExistsAsync<TableEntity>(jobId, imageId, cancellationToken: cancellationToken);
        return response.HasValue ? ToRecord(response.Value!) : null;
    }

    public async Task<IReadOnlyList<ImageRecord>> ListGenerationsAsync(string jobId, int firstGeneration, int count, CancellationToken cancellationToken)
    {
        // Row keys are mapping ids, which sort by generation: a range of generations is a range of keys.
        var from = ImageMappingId.For(jobId, firstGeneration, 0);
        var to = ImageMappingId.For(jobId, firstGeneration + count, 0);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {jobId} and RowKey ge {from} and RowKey lt {to}");
        var records = new List<ImageRecord>();
        await foreach (var entity in _table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            records.Add(ToRecord(entity));
        }
        return records;
    }

    public async Task<Page<ImageRecord>> ListByJobAsync(string jobId, string? qcStatus, int limit, string? continuation, CancellationToken cancellationToken)
    {
        var filter = qcStatus is null
            ? TableClient.CreateQueryFilter($"PartitionKey eq {jobId}")
            : TableClient.CreateQueryFilter($"PartitionKey eq {jobId} and QcStatus eq {qcStatus}");
        var query = _table.QueryAsync<TableEntity>(filter, maxPerPage: limit, cancellationToken: cancellationToken);
        await foreach (var page in query.AsPages(ContinuationToken.Decode(continuation, $"images:{jobId}"), limit))
        {
            return new Page<ImageRecord>(page.Values.Select(ToRecord).ToList(), ContinuationToken.Encode(page.ContinuationToken, $"images:{jobId}"));
        }
        return new Page<ImageRecord>([], null);
    }

    private static TableEntity ToEntity(ImageRecord i) => new(i.JobId, i.Id)
    {
        ["GenerationIndex"] = i.GenerationIndex,
        ["ImageIndex"] = i.ImageIndex,
        ["Prompt"] = TableText.Cut(i.Prompt),
        ["AspectRatio"] = i.AspectRatio,
        ["Width"] = i.Width,
        ["Height"] = i.Height,
        ["ContentType"] = i.ContentType,
        ["QcStatus"] = i.QcStatus,
        ["QcReason"] = TableText.Cut(i.QcReason),
        ["Metadata"] = i.Metadata is null ? null : JsonSerializer.Serialize(i.Metadata),
        ["CreatedAt"] = i.CreatedAt,
        ["OriginalBlob"] = i.OriginalBlob,
        ["FinalBlob"] = i.FinalBlob,
        ["RetryOperation"] = i.RetryOperation,
    };

    private static ImageRecord ToRecord(TableEntity e) => new()
    {
        Id = e.RowKey,
        JobId = e.PartitionKey,
        GenerationIndex = e.GetInt32("GenerationIndex") ?? 0,
        ImageIndex = e.GetInt32("ImageIndex") ?? 0,
        Prompt = e.GetString("Prompt") ?? "",
        AspectRatio = e.GetString("AspectRatio") ?? "",
        Width = e.GetInt32("Width") ?? 0,
        Height = e.GetInt32("Height") ?? 0,
        ContentType = e.GetString("ContentType") ?? "application/octet-stream",
        QcStatus = e.GetString("QcStatus") ?? "",
        QcReason = e.GetString("QcReason"),
        Metadata = e.GetString("Metadata") is { } json ? JsonSerializer.Deserialize<ImageMetadata>(json) : null,
        CreatedAt = e.GetDateTimeOffset("CreatedAt") ?? DateTimeOffset.MinValue,
        OriginalBlob = e.GetString("OriginalBlob") ?? "",
        FinalBlob = e.GetString("FinalBlob") ?? "",
        RetryOperation = e.GetString("RetryOperation"),
        ETag = e.ETag.ToString(),
    };
}
