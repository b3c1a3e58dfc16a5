namespace GenImageFactory.Pipeline.Models;

/// <summary>What the job orchestration needs to fan out, read once from the job's snapshot.</summary>
/// <param name="BatchSize">
/// Generations per batch sub-orchestration. One history holding thousands of sub-orchestrations replays
/// slowly (every episode reloads it), so large jobs run as consecutive batches.
/// </param>
public sealed record JobPlan(int TotalGenerations, int MaxConcurrency, int BatchSize, GenerationSettings Settings)
{
    /// <summary>
    /// Every batch size is a multiple of this, so every batch starts at a multiple of it: knowing a job's size is
    /// enough to find all its batch instances again (<see cref="Jobs.JobInstanceIds"/>).
    /// </summary>
    public const int BatchSizeStep = 100;

    /// <summary>At least four waves of the job's concurrency, rounded up to a whole number of steps (one at least).</summary>
    public static int BatchSizeFor(int maxConcurrency) =>
        BatchSizeStep * (int)Math.Ceiling(Math.Max(BatchSizeStep, 4 * maxConcurrency) / (double)BatchSizeStep);
}

/// <summary>Per-generation settings, the same for every generation of a job.</summary>
/// <param name="Model">The provider's model id; empty means its default.</param>
/// <param name="MaxSpend">USD: no new task starts once the job's reported spend reaches it.</param>
public sealed record GenerationSettings(
    string Provider,
    string ProcessMode,
    int PollingIntervalSeconds,
    int PollingTimeoutMinutes,
    int RetryAttempts,
    int RetryBackoffMs,
    string Model = "",
    decimal? MaxSpend = null);
