namespace GenImageFactory.Pipeline.Models;

/// <summary>What one generation produced: image ids on success, the reason otherwise.</summary>
public sealed record GenerationOutcome(int GenerationIndex, string Prompt, IReadOnlyList<string> ImageIds, string? FailureReason)
{
    public int ApprovedImages { get; init; }

    public int FailedImages { get; init; }

    /// <summary>A problem that should stop the whole job (an exhausted model quota).</summary>
    public string? Fatal { get; init; }

    /// <summary>The generation's log lines, written by the job's next progress update.</summary>
    public IReadOnlyList<JobLogEntry> Log { get; init; } = [];

    public bool Succeeded => FailureReason is null;
}
