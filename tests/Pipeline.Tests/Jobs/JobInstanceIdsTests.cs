using GenImageFactory.Pipeline.Jobs;
using GenImageFactory.Pipeline.Models;
using GenImageFactory.Pipeline.Orchestrations;

namespace GenImageFactory.Pipeline.Tests.Jobs;

public class JobInstanceIdsTests
{
    private const string JobId = "2516066851578984513-b933aa64";

    [Theory]
    [InlineData(1, 250)]
    [InlineData(26, 250)]
    [InlineData(64, 1_000)]
    [InlineData(333, 5_000)]
    public void Of_NamesEveryBatchTheJobsPlanStarts_WithoutKnowingItsBatchSize(int maxConcurrency, int totalGenerations)
    {
        var batchSize = JobPlan.BatchSizeFor(maxConcurrency);
        var ids = JobInstanceIds.Of(JobId, totalGenerations);

        Assert.Equal(0, batchSize % JobPlan.BatchSizeStep);
        for (var first = 0; first < totalGenerations; first += batchSize)
        {
            Assert.Contains(GenerationBatchInput.InstanceIdFor(JobId, first), ids);
        }
        Assert.Contains(JobId, ids);
        Assert.Contains(GenerationInput.InstanceIdFor(JobId, totalGenerations - 1), ids);
    }

    [Theory]
    [InlineData(1, 100)]
    [InlineData(25, 100)]
    [InlineData(26, 200)]
    [InlineData(100, 400)]
    public void BatchSizeFor_IsAtLeastFourWaves_InWholeSteps(int maxConcurrency, int expected) =>
        Assert.Equal(expected, JobPlan.BatchSizeFor(maxConcurrency));
}
