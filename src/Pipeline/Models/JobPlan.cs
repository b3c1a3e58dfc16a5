namespace GenImageFactory.Pipeline.Models;

/// <summary>What the job orchestration needs to fan out, read once from the job's snapshot.</summary>
/// <param name="BatchSize">
/// Generations per batch sub-orchestration. One history holding thousands of sub-orchestrations replays
/// slowly (every episode reloads it), so large jobs run as consecutive batches.
/// </param>
public sealed record JobPlan(int TotalGenerations, int MaxConcurrency, int BatchSize, GenerationSettings Settings)
{
    /// <summary>A multiple of 100 (so every batch instance id can be found again), at least four waves.</summary>
    public static int BatchSizeFor(int maxConcurrency) => 100 * (int)Math.Ceiling(Math.Max(100, 4 * maxConcurrency) / 100.0);
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
