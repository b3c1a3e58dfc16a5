using Azure;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
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
        if (!SnapshotBlobs.FitsARow(json))
        {
            blobName = $"{job.Id}.json";
            await SnapshotBlobs.UploadAsync(_snapshots, blobName, json, cancellationToken);
            json = "";
        }
        var entity = JobEntityMapper.ToEntity(job, blobName is null ? json : null, blobName);
        return await WriteAsync(job.Id, current => current is null
            ? new JobWrite(new TableTransactionAction(TableTransactionActionType.Add, entity), JobShare.Of(entity, Deleting))
            : null, cancellationToken);
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

    /// <summary>Writes that lose a race for an ETag read again; this many rounds settle any real contention.</summary>
    private const int MaxUpdateRounds = 16;

    /// <summary>What a write decides on: the job's share of the totals, whether it is being deleted, the progress shown.</summary>
    private static readonly IReadOnlyList<string> ReadColumns = [.. JobTotalsShards.JobColumns, Deleting, "Progress"];

    public async Task<JobTotals> ReadTotalsAsync(CancellationToken cancellationToken)
    {
        var rows = new List<TableEntity>(JobTotalsShards.Count);
        await foreach (var row in _table.QueryAsync<TableEntity>(JobTotalsShards.RangeFilter(JobEntityMapper.PartitionKey), cancellationToken: cancellationToken))
        {
            rows.Add(row);
        }
        return JobTotalsShards.Sum(rows);
    }

    public async Task<Page> ListAsync(int limit, string? continuation, CancellationToken cancellationToken, JobFilter? filter = null)
    {
        // Ids start with inverted creation ticks, so a creation-time range is a row-key range.
        var conditions = new List<string> { TableClient.CreateQueryFilter($"PartitionKey eq {JobEntityMapper.PartitionKey} and RowKey lt {JobTotalsShards.RowKeyPrefix}") };
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
        await foreach (var page in query.AsPages(ContinuationToken.Decode(continuation, "jobs"), limit))
        {
            var items = new List<JobRecord>(page.Values.Count);
            foreach (var entity in page.Values)
            {
                items.Add(await ToRecordAsync(entity, cancellationToken));
            }
            return new Page(items, ContinuationToken.Encode(page.ContinuationToken, "jobs"));
        }
        return new Page([], null);
    }

    public Task<bool> UpdateAsync(string jobId, JobUpdate update, CancellationToken cancellationToken) =>
        WriteAsync(jobId, current =>
        {
            if (current is null || current.GetBoolean(Deleting) == true
                || (update.WhileActive && !JobStatus.IsActive(current.GetString("Status"))))
            {
                return null;
            }
            var entity = new TableEntity(JobEntityMapper.PartitionKey, jobId);
            JobEntityMapper.Apply(entity, update);
            if (update.Progress < current.GetInt32("Progress"))
            {
                // Progress never goes down: writers that learn of it separately (steps, finished generations) may arrive in any order.
                entity["Progress"] = current.GetInt32("Progress");
            }
            return new JobWrite(new TableTransactionAction(TableTransactionActionType.UpdateMerge, entity, current.ETag), JobShare.Of(current, Deleting).After(entity));
        }, cancellationToken);

    public Task MarkDeletingAsync(string jobId, CancellationToken cancellationToken) =>
        WriteAsync(jobId, current => current is null || current.GetBoolean(Deleting) == true
            ? null
            : new JobWrite(new TableTransactionAction(TableTransactionActionType.UpdateMerge,
                new TableEntity(JobEntityMapper.PartitionKey, jobId) { [Deleting] = true }, current.ETag), JobShare.None),
            cancellationToken);

    public async Task<bool> DeleteAsync(string jobId, CancellationToken cancellationToken)
    {
        await _snapshots.GetBlobClient($"{jobId}.json").DeleteIfExistsAsync(cancellationToken: cancellationToken);
        return await WriteAsync(jobId, current => current is null
            ? null
            : new JobWrite(new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(JobEntityMapper.PartitionKey, jobId), current.ETag), JobShare.None),
            cancellationToken);
    }

    /// <summary>A write to a job's row and the job's share of the totals after it.</summary>
    private sealed record JobWrite(TableTransactionAction Action, JobShare After);

    /// <summary>
    /// Reads the job's row, lets <paramref name="plan"/> decide the write (null: none, and false is returned), and
    /// submits it with the matching change of the totals in one transaction under both rows' ETags. A write that
    /// loses a race (someone wrote in between, or the row appeared or went) plans again from a fresh read.
    /// </summary>
    private Task<bool> WriteAsync(string jobId, Func<TableEntity?, JobWrite?> plan, CancellationToken cancellationToken) =>
        OptimisticWrites.RunAsync(MaxUpdateRounds, async () =>
        {
            var current = await _table.GetEntityIfExistsAsync<TableEntity>(JobEntityMapper.PartitionKey, jobId, ReadColumns, cancellationToken);
            var row = current.HasValue ? current.Value : null;
            if (plan(row) is not { } write)
            {
                return false;
            }
            var actions = new List<TableTransactionAction>(2) { write.Action };
            var before = row is null ? JobShare.None : JobShare.Of(row, Deleting);
            if (write.After != before)
            {
                // The totals row is shared with other jobs: a race lost on it (or on a cancel, a rename, a progress write) plans again.
                var totalsKey = JobTotalsShards.RowKeyFor(jobId);
                var totals = await _table.GetEntityIfExistsAsync<TableEntity>(JobEntityMapper.PartitionKey, totalsKey, cancellationToken: cancellationToken);
                actions.Add(JobTotalsShards.Change(totals.HasValue ? totals.Value : null, JobEntityMapper.PartitionKey, totalsKey, before, write.After));
            }
            await _table.SubmitTransactionAsync(actions, cancellationToken);
            return true;
        }, cancellationToken);

    private async Task<JobRecord> ToRecordAsync(TableEntity entity, CancellationToken cancellationToken)
    {
        var json = entity.GetString("SnapshotJson");
        if (string.IsNullOrEmpty(json) && entity.GetString("SnapshotBlob") is { } blobName)
        {
            json = await SnapshotBlobs.ReadAsync(_snapshots, blobName, cancellationToken);
        }
        return JobEntityMapper.ToRecord(entity, ConfigurationJson.Deserialize(json!));
    }
}
