using GenImageFactory.Pipeline.Models;

namespace GenImageFactory.Pipeline.Ports;

/// <summary>Execution records. Only the job orchestration (through its activities) updates a record after creation.</summary>
public interface IJobStore
{
    /// <returns>False when a record with that id exists already (a derived id launched before): it is left as it is.</returns>
    Task<bool> CreateAsync(JobRecord job, CancellationToken cancellationToken);

    Task<JobRecord?> GetAsync(string jobId, CancellationToken cancellationToken);

    /// <summary>Only the status (no snapshot read): for checks on hot paths. Null when there is no such job, or it is being deleted.</summary>
    Task<string?> GetStatusAsync(string jobId, CancellationToken cancellationToken);

    /// <summary>Totals over every job (none being deleted), kept up to date by each write: what statistics need.</summary>
    Task<JobTotals> ReadTotalsAsync(CancellationToken cancellationToken);

    /// <summary>Jobs newest first, optionally of one status and created within a time range (one range scan).</summary>
    Task<Page<JobRecord>> ListAsync(int limit, string? continuation, CancellationToken cancellationToken, JobFilter? filter = null);

    /// <summary>
    /// Applies the update if the record exists (never re-creating a deleted one) and, for a
    /// <see cref="JobUpdate.WhileActive"/> update, only while the job is pending or running — checked and written
    /// under one ETag, so a cancel and the workflow's last writes cannot overwrite each other.
    /// </summary>
    /// <returns>Whether the update was applied.</returns>
    Task<bool> UpdateAsync(string jobId, JobUpdate update, CancellationToken cancellationToken);

    /// <summary>The first step of a delete: from now on the workflow sees the job as gone (and cleans up what it writes late).</summary>
    Task MarkDeletingAsync(string jobId, CancellationToken cancellationToken);

    /// <summary>Removes the record and its snapshot; false when there was none.</summary>
    Task<bool> DeleteAsync(string jobId, CancellationToken cancellationToken);
}

/// <summary>How many jobs there are of each status, and their image counts summed.</summary>
public sealed record JobTotals(IReadOnlyDictionary<string, int> JobsByStatus, int TotalImages, int ApprovedImages, int FailedImages);

/// <summary>Which jobs a list shows; null fields do not filter.</summary>
public sealed record JobFilter(string? Status = null, DateTimeOffset? CreatedFrom = null, DateTimeOffset? CreatedTo = null);
