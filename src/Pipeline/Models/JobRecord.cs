using GenImageFactory.Domain.Configuration;

namespace GenImageFactory.Pipeline.Models;

/// <summary>The execution record of one job: what the API shows as a job.</summary>
public sealed record JobRecord
{
    public required string Id { get; init; }
    public required string Label { get; init; }
    public required string Status { get; init; }
    public required string Phase { get; init; }
    public int Progress { get; init; }
    public string? ConfigurationId { get; init; }
    public required JobConfiguration Configuration { get; init; }
    public string? RerunOf { get; init; }
    public int TotalGenerations { get; init; }
    public int FailedGenerations { get; init; }
    public int TotalImages { get; init; }
    public int ApprovedImages { get; init; }
    public int FailedImages { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? StartedAt { get; init; }
    public DateTimeOffset? CompletedAt { get; init; }
    public string? ErrorMessage { get; init; }
    public IReadOnlyList<GenerationFailure> GenerationFailures { get; init; } = [];

    /// <summary>What the provider reported the job's tasks cost so far, in USD.</summary>
    public decimal Spend { get; init; }

    /// <summary>The same in the provider's own unit (PiAPI credits); 0 where it has none.</summary>
    public decimal ProviderCredits { get; init; }

    /// <summary>The estimate made when the job started (USD), where the provider's price is known.</summary>
    public decimal? EstimatedCost { get; init; }
}

/// <summary>A generation that produced no image, and why.</summary>
public sealed record GenerationFailure(int GenerationIndex, string Prompt, string Reason);

/// <summary>Changes to a job record; null fields stay as they are.</summary>
public sealed record JobUpdate
{
    /// <summary>The workflow's writes and the user's cancel: applied only while the job is pending or running.</summary>
    public bool WhileActive { get; init; }

    /// <summary>
    /// Ends a job that is still active (cancelled, or failed for a reason outside the workflow): done, at 100%, with when
    /// and why, and its image counts as stored when given (<see cref="Images.ImageStatusChanges.CountsAsync"/>).
    /// </summary>
    public static JobUpdate Ending(string status, DateTimeOffset at, string reason, JobUpdate? counts = null) => (counts ?? new JobUpdate()) with
    {
        WhileActive = true,
        Status = status,
        Phase = Domain.Jobs.JobPhase.Done,
        Progress = Domain.Jobs.JobProgress.Finished,
        CompletedAt = at,
        ErrorMessage = reason,
    };

    /// <summary>Only the API renames a job; the workflow never writes the label.</summary>
    public string? Label { get; init; }
    public string? Status { get; init; }
    public string? Phase { get; init; }
    public int? Progress { get; init; }
    public int? FailedGenerations { get; init; }
    public int? TotalImages { get; init; }
    public int? ApprovedImages { get; init; }
    public int? FailedImages { get; init; }
    public DateTimeOffset? StartedAt { get; init; }
    public DateTimeOffset? CompletedAt { get; init; }
    public string? ErrorMessage { get; init; }
    public IReadOnlyList<GenerationFailure>? GenerationFailures { get; init; }
    public decimal? Spend { get; init; }
    public decimal? ProviderCredits { get; init; }
    public decimal? EstimatedCost { get; init; }
}
