namespace GenImageFactory.Pipeline.Models;

/// <summary>What the job orchestration needs to fan out, read once from the job's snapshot.</summary>
public sealed record JobPlan(int TotalGenerations, int MaxConcurrency, GenerationSettings Settings);

/// <summary>Per-generation settings, the same for every generation of a job.</summary>
public sealed record GenerationSettings(
    string Provider,
    string ProcessMode,
    int PollingIntervalSeconds,
    int PollingTimeoutMinutes,
    int RetryAttempts,
    int RetryBackoffMs);
