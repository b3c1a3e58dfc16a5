using GenImageFactory.Pipeline.Models;

namespace GenImageFactory.Pipeline.Ports;

/// <summary>Per-job logs, written by the pipeline and read by the API.</summary>
public interface IJobLogStore
{
    /// <summary>Inserts or replaces entries by key (idempotent), in as few transactions as the store allows.</summary>
    Task WriteAsync(string jobId, IReadOnlyList<JobLogEntry> entries, CancellationToken cancellationToken);

    /// <summary>Removes a job's log.</summary>
    Task DeleteJobAsync(string jobId, CancellationToken cancellationToken);

    /// <summary>A job's log in time order.</summary>
    Task<IReadOnlyList<JobLogEntry>> ReadAsync(string jobId, CancellationToken cancellationToken);
}
