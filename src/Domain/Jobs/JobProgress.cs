namespace GenImageFactory.Domain.Jobs;

/// <summary>
/// Progress 0-100 of a job: it never goes down and is 100 exactly when the job has ended, so a running
/// job shows at most 99 however far its steps have got.
/// </summary>
public static class JobProgress
{
    public const int Finished = 100;
    private const int GeneratingShare = 95;

    /// <summary>Progress while generations complete; at most 99.</summary>
    public static int WhileGenerating(int completedGenerations, int totalGenerations)
    {
        if (totalGenerations <= 0)
        {
            return 0;
        }
        var done = Math.Clamp(completedGenerations, 0, totalGenerations);
        return (int)(GeneratingShare * (long)done / totalGenerations);
    }

    /// <summary>The next progress to show: never below what was already shown, never 100 before the end.</summary>
    public static int Next(int shown, int computed, bool ended) =>
        ended ? Finished : Math.Min(Finished - 1, Math.Max(shown, computed));
}
