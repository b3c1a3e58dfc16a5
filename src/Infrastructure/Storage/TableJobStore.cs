using Azure;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using GenImageFactory.Domain.Configuration;
using GenImageFactory.Domain.Jobs;
using GenImageFactory.Pipeline.Models;
using GenImageFactory.Pipeline.Ports;
using Page = GenImageFactory.Pipeline.Models.Page<GenImageFactory.Pipeline.Models.JobRecord>;

namespace GenImageFactory.Infrastructure.Storage;

/// <summary>Execution records in the <c>Jobs</c> table; listing newest first is one range scan of one partition.</summary>
public sealed class TableJobStore(TableServiceClient tables, BlobServiceClient blobs) : IJobStore
{
    private readonly TableClient _table = tables.GetTableClient(StorageNames.JobsTable);
    private readonly BlobContainerClient _snapshots = blobs.GetBlobContainerClient(StorageNames.SnapshotsContainer);

    public async Task CreateAsync(JobRecord job, CancellationToken cancellationToken)
    {
        var json = ConfigurationJson.Serialize(job.Configuration);
        string? blobName = null;
        if (json.Length > JobEntityMapper.MaxInlineSnapshotChars)
        {
            blobName = $"{job.Id}.json";
            await _snapshots.GetBlobClient(blobName).UploadAsync(
                BinaryData.FromString(json),
                new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = "application/json" } },
                cancellationToken);
            json = "";
        }
        await _table.AddEntityAsync(JobEntityMapper.ToEntity(job, blobName is null ? json : null, blobName), cancellationToken);
    }

    public async Task<JobRecord?> GetAsync(string jobId, CancellationToken cancellationToken)
    {
        var response = await _table.GetEntityIfExistsAsync<TableEntity>(JobEntityMapper.PartitionKey, jobId, cancellationToken: cancellationToken);
        return response.HasValue ? await ToRecordAsync(response.Value!, cancellationToken) : null;
    }

    public async Task<string?> GetStatusAsync(string jobId, CancellationToken cancellationToken)
    {
        var response = await _table.GetEntityIfExistsAsync<TableEntity>(JobEntityMapper.PartitionKey, jobId, ["Status"], cancellationToken);
        return response.HasValue ? response.Value!.GetString("Status") : null;
    }

    public async Task<Page> ListAsync(int limit, string? continuation, CancellationToken cancellationToken, JobFilter? filter = null)
    {
        // Ids start with inverted creation ticks, so a creation-time range is a row-key range.
        var conditions = new List<string> { TableClient.CreateQueryFilter($"PartitionKey eq {JobEntityMapper.PartitionKey}") };
        if (filter?.CreatedTo is { } to)
        {
            conditions.Add(TableClient.CreateQueryFilter($"RowKey ge {JobId.InvertedTicks(to)}"));
        }
        if (filter?.CreatedFrom is { } from)
        {
            conditions.Add(TableClient.CreateQueryFilter($"RowKey lt {JobId.InvertedTicks(from) + "~"}"));
        }
        if (filter?.Status is { } status)
        {
            conditions.Add(TableClient.CreateQueryFilter($"Status eq {status}"));
        }
        var query = _table.QueryAsync<TableEntity>(string.Join(" and ", conditions), maxPerPage: limit, cancellationToken: cancellationToken);
        await foreach (var page in query.AsPages(ContinuationToken.Decode(continuation), limit))
        {
            var items = new List<JobRecord>(page.Values.Count);
            foreach (var entity in page.Values)
            {
                items.Add(await ToRecordAsync(entity, cancellationToken));
            }
            return new Page(items, ContinuationToken.Encode(page.ContinuationToken));
        }
        return new Page([], null);
    }

    public async Task UpdateAsync(string jobId, JobUpdate update, CancellationToken cancellationToken)
    {
        var entity = new TableEntity(JobEntityMapper.PartitionKey, jobId);
        JobEntityMapper.Apply(entity, update);
        await _table.UpdateEntityAsync(entity, ETag.All, TableUpdateMode.Merge, cancellationToken);
    }

    public async Task<bool> DeleteAsync(string jobId, CancellationToken cancellationToken)
    {
        await _snapshots.GetBlobClient($"{jobId}.json").DeleteIfExistsAsync(cancellationToken: cancellationToken);
        var response = await _table.DeleteEntityAsync(JobEntityMapper.PartitionKey, jobId, ETag.All, cancellationToken);
        return response.Status != 404;
    }

    private async Task<JobRecord> ToRecordAsync(TableEntity entity, CancellationToken cancellationToken)
    {
        var json = entity.GetString("SnapshotJson");
        if (string.IsNullOrEmpty(json) && entity.GetString("SnapshotBlob") is { } blobName)
        {
            var content = await _snapshots.GetBlobClient(blobName).DownloadContentAsync(cancellationToken);
            json = content.Value.Content.ToString();
        }
        return JobEntityMapper.ToRecord(entity, ConfigurationJson.Deserialize(json!));
    }
}
