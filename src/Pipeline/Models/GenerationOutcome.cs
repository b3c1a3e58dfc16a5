namespace GenImageFactory.Pipeline.Models;

/// <summary>What one generation produced: image ids on success, the reason otherwise.</summary>
public sealed record GenerationOutcome(int GenerationIndex, string Prompt, IReadOnlyList<string> ImageIds, string? FailureReason)
{
    public int ApprovedImages { get; init; }

    public int FailedImages { get; init; }

    /// <summary>What the provider reported this generation's tasks cost, in USD, over every attempt.</summary>
    public decimal Spend { get; init; }

    /// <summary>The same in the provider's own unit, where it has one (PiAPI credits).</summary>
    public decimal Credits { get; init; }

    /// <summary>A problem that should stop the whole job (an exhausted model quota, a provider refusing the account).</summary>
    public string? Fatal { get; init; }

    /// <summary>The generation's log lines, written by the job's next progress update.</summary>
    public IReadOnlyList<JobLogEntry> Log { get; init; } = [];

    public bool Succeeded => FailureReason is null;
}
