using GenImageFactory.Pipeline.Models;

namespace GenImageFactory.Pipeline.Tests.Models;

public class GenerationTallyTests
{
    private static GenerationOutcome Success(int index, int images = 4) =>
        new(index, $"prompt {index}", Enumerable.Range(0, images).Select(i => $"img-{index}-{i}").ToList(), null);

    private static GenerationOutcome Failure(int index, string reason = "boom") => new(index, $"prompt {index}", [], reason);

    [Fact]
    public void Add_CountsImagesAndFailures()
    {
        var tally = GenerationTally.Empty.Add(Success(0)).Add(Failure(1)).Add(Success(2, images: 1));

        Assert.Equal((3, 5, 1), (tally.Completed, tally.Images, tally.Failed));
        Assert.Equal(new GenerationFailure(1, "prompt 1", "boom"), Assert.Single(tally.Failures));
    }

    [Fact]
    public void Merge_KeepsTheFirst50FailuresByIndex_AndCountsThemAll()
    {
        var late = Enumerable.Range(100, 40).Aggregate(GenerationTally.Empty, (t, i) => t.Add(Failure(i)));
        var early = Enumerable.Range(0, 40).Aggregate(GenerationTally.Empty, (t, i) => t.Add(Failure(i)));

        var merged = late.Merge(early);

        Assert.Equal(80, merged.Failed);
        Assert.Equal(GenerationTally.MaxRecordedFailures, merged.Failures.Count);
        Assert.Equal(Enumerable.Range(0, 40).Concat(Enumerable.Range(100, 10)), merged.Failures.Select(f => f.GenerationIndex));
    }

    [Fact]
    public void Add_LongPromptAndReason_AreTruncatedToFitTheRecord()
    {
        var tally = GenerationTally.Empty.Add(new GenerationOutcome(0, new string('p', 5000), [], new string('r', 5000)));

        var failure = Assert.Single(tally.Failures);
        Assert.Equal(300, failure.Prompt.Length);
        Assert.Equal(500, failure.Reason.Length);
    }

    [Fact]
    public void JobSummary_AnyImages_IsCompleted_NoneIsFailedWithTheFirstReason()
    {
        var some = JobSummary.From("j", GenerationTally.Empty.Add(Failure(0, "first")).Add(Success(1)), 2);
        var none = JobSummary.From("j", GenerationTally.Empty.Add(Failure(3, "third")).Add(Failure(1, "first")), 2);

        Assert.Equal(("completed", 4, 1, null), (some.Status, some.TotalImages, some.FailedGenerations, some.ErrorMessage));
        Assert.Equal("failed", none.Status);
        Assert.Equal("All 2 generations failed; first: first", none.ErrorMessage);
    }

    [Fact]
    public void StopAtSpendLimit_CountsEarlierBatches_AndSaysHowManyNeverStarted()
    {
        var before = GenerationTally.Empty.Add(Success(0) with { Spend = 0.002m, Credits = 2000 });
        var batch = GenerationTally.Empty.Add(Success(1) with { Spend = 0.0015m, Credits = 1500 });

        Assert.True(batch.StopAtSpendLimit(0.004m, before).MayStartMore);
        Assert.True(batch.StopAtSpendLimit(null, before).MayStartMore);
        var stopped = batch.StopAtSpendLimit(0.0035m, before);

        Assert.False(stopped.MayStartMore);
        var summary = JobSummary.From("j", before.Merge(stopped), 10);
        Assert.Equal(("completed", 0.0035m, 3500m), (summary.Status, summary.Spend, summary.Credits));
        Assert.Equal("Spend limit reached: the provider reported $0.0035 against maxSpend $0.0035; 8 generation(s) not started.", summary.ErrorMessage);
    }

    [Fact]
    public void JobSummary_Fatal_FailsWithItsMessage_EvenWithImages()
    {
        var tally = GenerationTally.Empty.Add(Success(0)).Add(Failure(1) with { Fatal = "PiAPI refused the request (401): Invalid API key" });

        var summary = JobSummary.From("j", tally, 5);

        Assert.Equal(("failed", "PiAPI refused the request (401): Invalid API key"), (summary.Status, summary.ErrorMessage));
    }
}
