using GenImageFactory.Domain.Jobs;

namespace GenImageFactory.Domain.Tests.Jobs;

public class JobProgressTests
{
    [Fact]
    public void WhileGenerating_NeverReaches100_AndNeverDecreases()
    {
        var values = Enumerable.Range(0, 2501).Select(done => JobProgress.WhileGenerating(done, 2500)).ToList();

        Assert.Equal(0, values[0]);
        Assert.All(values, v => Assert.InRange(v, 0, 99));
        Assert.Equal(values.Order(), values);
    }

    [Fact]
    public void Next_KeepsTheHighestShown_And100OnlyAtTheEnd()
    {
        Assert.Equal(40, JobProgress.Next(shown: 40, computed: 10, ended: false));
        Assert.Equal(99, JobProgress.Next(shown: 40, computed: 100, ended: false));
        Assert.Equal(100, JobProgress.Next(shown: 40, computed: 10, ended: true));
    }

    [Fact]
    public void JobLabel_Empty_FallsBackToCreationTime()
    {
        var created = new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.FromHours(2));

        Assert.Equal("job_20260102_010405", JobLabel.For("  ", created));
        Assert.Equal("mine", JobLabel.For(" mine ", created));
    }
}
