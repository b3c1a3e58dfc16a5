namespace GenImageFactory.Pipeline.Models;

/// <summary>
/// How far one generation has got, so progress moves within a generation and not only when it ends. Levels only
/// rise: a step reported twice (a retried activity) or late counts once, at its highest.
/// </summary>
public sealed record GenerationStep(int GenerationIndex, int Level)
{
    public const int Submitted = 1;
    public const int Stored = 3;
    public const int Done = 4;

    /// <summary>The units one generation adds to its job's progress once done.</summary>
    public const int UnitsPerGeneration = Done;
}
