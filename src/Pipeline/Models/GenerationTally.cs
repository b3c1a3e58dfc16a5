namespace GenImageFactory.Pipeline.Models;

/// <summary>
/// What a run of generations has produced so far: counts, and the first failures whole (a record holds
/// only so much). Small on purpose: it crosses orchestration boundaries instead of every outcome.
/// </summary>
/// <param name="Fatal">The first problem that stopped the job (an exhausted model quota), if any.</param>
/// <param name="Spend">What the provider reported the tasks cost, in USD.</param>
/// <param name="Credits">The same in the provider's own unit (PiAPI credits).</param>
/// <param name="Stopped">Why no further generation starts although nothing failed (the spend limit), if so.</param>
public sealed record GenerationTally(int Completed, int Images, int Failed, IReadOnlyList<GenerationFailure> Failures,
    int ApprovedImages = 0, int FailedImages = 0, string? Fatal = null, decimal Spend = 0, decimal Credits = 0, string? Stopped = null)
{
    /// <summary>Whether new generations may start: nothing fatal happened and no limit stopped the job.</summary>
    public bool MayStartMore => Fatal is null && Stopped is null;

    /// <summary>The job record keeps the first failures whole; the count says how many there were.</summary>
    public const int MaxRecordedFailures = 50;
    private const int MaxPromptChars = 300;
    private const int MaxReasonChars = 500;

    public static readonly GenerationTally Empty = new(0, 0, 0, []);

    public GenerationTally Add(GenerationOutcome outcome)
    {
        var counted = this with
        {
            Completed = Completed + 1,
            Images = Images + outcome.ImageIds.Count,
            ApprovedImages = ApprovedImages + outcome.ApprovedImages,
            FailedImages = FailedImages + outcome.FailedImages,
            Fatal = Fatal ?? outcome.Fatal,
            Spend = Spend + outcome.Spend,
            Credits = Credits + outcome.Credits,
        };
        return outcome.Succeeded
            ? counted
            : counted with
            {
                Failed = Failed + 1,
                Failures = Keep(Failures.Append(new GenerationFailure(
                    outcome.GenerationIndex, Truncate(outcome.Prompt, MaxPromptChars), Truncate(outcome.FailureReason!, MaxReasonChars)))),
            };
    }

    public GenerationTally Merge(GenerationTally other) =>
        new(Completed + other.Completed, Images + other.Images, Failed + other.Failed, Keep(Failures.Concat(other.Failures)),
            ApprovedImages + other.ApprovedImages, FailedImages + other.FailedImages, Fatal ?? other.Fatal,
            Spend + other.Spend, Credits + other.Credits, Stopped ?? other.Stopped);

    /// <summary>Stops new generations once the reported spend reaches <paramref name="maxSpend"/> (USD), saying so once.</summary>
    public GenerationTally StopAtSpendLimit(decimal? maxSpend, GenerationTally before)
    {
        var spent = before.Spend + Spend;
        return Stopped is null && maxSpend is { } limit && spent >= limit
            ? this with { Stopped = $"Spend limit reached: the provider reported ${spent:0.####} against maxSpend ${limit:0.####}" }
            : this;
    }

    private static List<GenerationFailure> Keep(IEnumerable<GenerationFailure> failures) =>
        failures.OrderBy(f => f.GenerationIndex).Take(MaxRecordedFailures).ToList();

    private static string Truncate(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";
}
