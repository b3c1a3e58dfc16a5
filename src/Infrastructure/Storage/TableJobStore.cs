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

    public async Task<bool> CreateAsync(JobRecord job, CancellationToken cancellationToken)
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
        try
        {
            await _table.AddEntityAsync(JobEntityMapper.ToEntity(job, blobName is null ? json : null, blobName), cancellationToken);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            return false;
        }
    }

    public async Task<JobRecord?> GetAsync(string jobId, CancellationToken cancellationToken)
    {
        var response = await _table.GetEntityIfExistsAsync<TableEntity>(JobEntityMapper.PartitionKey, jobId, cancellationToken: cancellationToken);
        return response.HasValue ? await ToRecordAsync(response.Value!, cancellationToken) : null;
    }

    public async Task<string?> GetStatusAsync(string jobId, CancellationToken cancellationToken)
    {
        var response = await _table.GetEntityIfExistsAsync<TableEntity>(JobEntityMapper.PartitionKey, jobId, ["Status", Deleting], cancellationToken);
        return response.HasValue && response.Value!.GetBoolean(Deleting) != true ? response.Value.GetString("Status") : null;
    }

    /// <summary>Set by the first step of a delete; the record goes last.</summary>
    private const string Deleting = "Deleting";

    /// <summary>Writes that lose a race for the ETag read again; a handful of rounds settles any real contention.</summary>
    private const int MaxUpdateRounds = 8;

    public async Task<IReadOnlyList<JobTotals>> ReadTotalsAsync(CancellationToken cancellationToken)
    {
        var totals = new List<JobTotals>();
        var query = _table.QueryAsync<TableEntity>(
            TableClient.CreateQueryFilter($"PartitionKey eq {JobEntityMapper.PartitionKey}"),
            maxPerPage: 1000,
            select: ["Status", "TotalImages", "ApprovedImages", "FailedImages", Deleting],
            cancellationToken: cancellationToken);
        await foreach (var e in query)
        {
            if (e.GetBoolean(Deleting) != true)
            {
                totals.Add(new JobTotals(e.GetString("Status") ?? "", e.GetInt32("TotalImages") ?? 0, e.GetInt32("ApprovedImages") ?? 0, e.GetInt32("FailedImages") ?? 0));
            }
        }
        return totals;
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

    public async Task<bool> UpdateAsync(string jobId, JobUpdate update, CancellationToken cancellationToken)
    {
        for (var round = 1; ; round++)
        {
            var current = await _table.GetEntityIfExistsAsync<TableEntity>(JobEntityMapper.PartitionKey, jobId, ["Status", Deleting], cancellationToken);
            if (!current.HasValue || current.Value!.GetBoolean(Deleting) == true
                || (update.WhileActive && current.Value.GetString("Status") is not (JobStatus.Pending or JobStatus.Running)))
            {
                return false;
            }
            var entity = new TableEntity(JobEntityMapper.PartitionKey, jobId);
            JobEntityMapper.Apply(entity, update);
            try
            {
                await _table.UpdateEntityAsync(entity, current.Value.ETag, TableUpdateMode.Merge, cancellationToken);
                return true;
            }
            catch (RequestFailedException ex) when (ex.Status == 412 && round < MaxUpdateRounds)
            {
                // Someone wrote in between (a cancel, a rename, a progress write): look again.
            }
            catch (RequestFailedException ex) when (ex.Status == 404)
            {
                return false;
            }
        }
    }

    public async Task MarkDeletingAsync(string jobId, CancellationToken cancellationToken)
    {
        try
        {
            await _table.UpdateEntityAsync(new TableEntity(JobEntityMapper.PartitionKey, jobId) { [Deleting] = true }, ETag.All, TableUpdateMode.Merge, cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            // Gone already: nothing to mark.
        }
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
