using GenImageFactory.Pipeline.Models;

namespace GenImageFactory.Pipeline.Ports;

/// <summary>Execution records. Only the job orchestration (through its activities) updates a record after creation.</summary>
public interface IJobStore
{
    Task CreateAsync(JobRecord job, CancellationToken cancellationToken);

    Task<JobRecord?> GetAsync(string jobId, CancellationToken cancellationToken);

    /// <summary>Only the status (no snapshot read): for checks on hot paths. Null when there is no such job.</summary>
    Task<string?> GetStatusAsync(string jobId, CancellationToken cancellationToken);

    /// <summary>Jobs newest first, optionally of one status and created within a time range (one range scan).</summary>
    Task<Page<JobRecord>> ListAsync(int limit, string? continuation, CancellationToken cancellationToken, JobFilter? filter = null);

    Task UpdateAsync(string jobId, JobUpdate update, CancellationToken cancellationToken);

    /// <summary>Removes the record and its snapshot; false when there was none.</summary>
    Task<bool> DeleteAsync(string jobId, CancellationToken cancellationToken);
}

/// <summary>Which jobs a list shows; null fields do not filter.</summary>
public sealed record JobFilter(string? Status = null, DateTimeOffset? CreatedFrom = null, DateTimeOffset? CreatedTo = null);
