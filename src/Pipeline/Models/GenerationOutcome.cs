namespace GenImageFactory.Pipeline.Models;

/// <summary>What one generation produced: image ids on success, the reason otherwise.</summary>
public sealed record GenerationOutcome(int GenerationIndex, string Prompt, IReadOnlyList<string> ImageIds, string? FailureReason)
{
    public bool Succeeded => FailureReason is null;
}
