namespace GenImageFactory.Pipeline.Models;

/// <summary>What one generation produced: image ids on success, the reason otherwise.</summary>
public sealed record GenerationOutcome(int GenerationIndex, string Prompt, IReadOnlyList<string> ImageIds, string? FailureReason)
{
    /// <summary>The generation's log lines, written by the job's next progress update.</summary>
    public IReadOnlyList<JobLogEntry> Log { get; init; } = [];

    public bool Succeeded => FailureReason is null;
}
