using Azure.Data.Tables;
using GenImageFactory.Domain.Jobs;
using GenImageFactory.Domain.Keywords;
using GenImageFactory.Pipeline.Ports;

namespace GenImageFactory.Infrastructure.Storage;

/// <summary>
/// Statistics kept as running totals in a few rows of the jobs' own partition, so a record write and its
/// change to the totals go in one entity-group transaction: a retried or raced write can neither count twice
/// nor be missed, and reading the totals is one small range query however many jobs there are. Jobs are
/// spread over several rows so that jobs running at once rarely contend for one row's ETag.
/// </summary>
internal static class JobTotalsShards
{
    public const int Count = 16;

    /// <summary>Sorts after every job id (ids start with digits), so job listings stop before these rows.</summary>
    public const string RowKeyPrefix = "~totals-";

    /// <summary>The first row key past the totals rows, for a range query.</summary>
    private const string RowKeyEnd = "~totals.";

    public static readonly IReadOnlyList<string> JobColumns = ["Status", "TotalImages", "ApprovedImages", "FailedImages"];

    /// <summary>Every process must pick the same row for a job.</summary>
    public static string RowKeyFor(string jobId) => $"{RowKeyPrefix}{StableHash.Of(jobId) % Count:D2}";

    public static string RangeFilter(string partitionKey) =>
        TableClient.CreateQueryFilter($"PartitionKey eq {partitionKey} and RowKey ge {RowKeyPrefix} and RowKey lt {RowKeyEnd}");

    /// <summary>The action that moves one job's share of its row from <paramref name="before"/> to <paramref name="after"/>.</summary>
    public static TableTransactionAction Change(TableEntity? row, string partitionKey, string rowKey, JobShare before, JobShare after)
    {
        var updated = new TableEntity(partitionKey, rowKey);
        foreach (var status in JobStatus.All)
        {
            updated[StatusColumn(status)] = (row?.GetInt32(StatusColumn(status)) ?? 0) + after.Jobs(status) - before.Jobs(status);
        }
        updated["TotalImages"] = (row?.GetInt32("TotalImages") ?? 0) + after.TotalImages - before.TotalImages;
        updated["ApprovedImages"] = (row?.GetInt32("ApprovedImages") ?? 0) + after.ApprovedImages - before.ApprovedImages;
        updated["FailedImages"] = (row?.GetInt32("FailedImages") ?? 0) + after.FailedImages - before.FailedImages;
        return row is null
            ? new TableTransactionAction(TableTransactionActionType.Add, updated)
            : new TableTransactionAction(TableTransactionActionType.UpdateMerge, updated, row.ETag);
    }

    public static JobTotals Sum(IReadOnlyList<TableEntity> rows) => new(
        JobStatus.All.ToDictionary(s => s, s => rows.Sum(r => r.GetInt32(StatusColumn(s)) ?? 0)),
        rows.Sum(r => r.GetInt32("TotalImages") ?? 0),
        rows.Sum(r => r.GetInt32("ApprovedImages") ?? 0),
        rows.Sum(r => r.GetInt32("FailedImages") ?? 0));

    private static string StatusColumn(string status) => $"Jobs_{status}";
}

/// <summary>What one job adds to the totals: nothing once it is being deleted.</summary>
internal sealed record JobShare(string? Status, int TotalImages, int ApprovedImages, int FailedImages)
{
    public static readonly JobShare None = new(null, 0, 0, 0);

    public int Jobs(string status) => Status == status ? 1 : 0;

    public static JobShare Of(TableEntity job, string deletingColumn) => job.GetBoolean(deletingColumn) == true
        ? None
        : new(job.GetString("Status"), job.GetInt32("TotalImages") ?? 0, job.GetInt32("ApprovedImages") ?? 0, job.GetInt32("FailedImages") ?? 0);

    /// <summary>The share after a merge that sets the entity's non-null columns.</summary>
    public JobShare After(TableEntity merged) => new(
        merged.GetString("Status") ?? Status,
        merged.GetInt32("TotalImages") ?? TotalImages,
        merged.GetInt32("ApprovedImages") ?? ApprovedImages,
        merged.GetInt32("FailedImages") ?? FailedImages);
}
