using GenImageFactory.Pipeline.Models;

namespace GenImageFactory.Pipeline.Ports;

/// <summary>Per-job logs, written by the pipeline and read by the API.</summary>
public interface IJobLogStore
{
    /// <summary>Inserts or replaces entries by key (idempotent), in as few transactions as the store allows.</summary>
    Task WriteAsync(string jobId, IReadOnlyList<JobLogEntry> entries, CancellationToken cancellationToken) =>
        WriteAsync(jobId, entries, [], cancellationToken);

    /// <summary>
    /// Writes entries as above and raises the generations' steps, each change of a step in one transaction with
    /// the job's running sum of them.
    /// </summary>
    /// <returns>The job's step units summed over its generations (see <see cref="GenerationStep"/>), and whether the write
    /// went onto the log as this process left it.</returns>
    Task<LogWrite> WriteAsync(string jobId, IReadOnlyList<JobLogEntry> entries, IReadOnlyList<GenerationStep> steps, CancellationToken cancellationToken);

    /// <summary>Removes a job's log.</summary>
    Task DeleteJobAsync(string jobId, CancellationToken cancellationToken);

    /// <summary>A job's log in time order; with <paramref name="after"/>, only the lines stamped later.</summary>
    Task<IReadOnlyList<JobLogEntry>> ReadAsync(string jobId, CancellationToken cancellationToken, DateTimeOffset? after = null);
}

/// <param name="Units">The job's step units summed over its generations.</param>
/// <param name="Continued">
/// The write replaced the job's sum under the version this process last read or wrote: the log stood all along
/// since then, so the job was not deleted meanwhile (a delete takes the log with it). False when nothing proves it.
/// </param>
public readonly record struct LogWrite(int Units, bool Continued);
