using GenImageFactory.Emulators.PiApi;
using GenImageFactory.Server.Tests.Support;

namespace GenImageFactory.Server.Tests;

public class FailureTests(FactoryFixture factory) : IClassFixture<FactoryFixture>
{
    [Fact]
    public async Task Job_WhereEveryTaskFails_EndsFailedWithTheProvidersReason_AfterResubmitting()
    {
        var submitsBefore = factory.Emulator.Submits;
        var jobId = await factory.Client.StartJobAsync(Configurations.Job(3, keywords: PiApiEmulatorOptions.FailMarker, retryAttempts: 1));

        var job = await factory.Client.WaitForJobAsync(jobId, TimeSpan.FromMinutes(3));

        Assert.Equal("failed", job.GetProperty("status").GetString());
        Assert.Equal(100, job.GetProperty("progress").GetInt32());
        Assert.Equal(3, job.GetProperty("failedGenerations").GetInt32());
        Assert.Equal(0, job.GetProperty("totalImages").GetInt32());
        var error = job.GetProperty("errorMessage").GetString();
        Assert.Contains("All 3 generations failed", error);
        Assert.Contains("emulated failure", error);
        var failures = job.GetProperty("generationFailures").EnumerateArray().ToList();
        Assert.Equal([0, 1, 2], failures.Select(f => f.GetProperty("generationIndex").GetInt32()));
        Assert.All(failures, f => Assert.Contains(PiApiEmulatorOptions.FailMarker, f.GetProperty("prompt").GetString()));
        Assert.Equal(6, factory.Emulator.Submits - submitsBefore);
        Assert.Empty(await StoredJob.ImageRowsAsync(factory.Tables, jobId));
    }
}

/// <summary>In its own class (and fixture) so its minute-long wait runs beside the other tests.</summary>
[LongRunning(65)]
public class PollingTimeoutTests(FactoryFixture factory) : IClassFixture<FactoryFixture>
{
    [Fact]
    public async Task TaskThatNeverFinishes_FailsAfterThePollingTimeout_AndTheJobStillCompletes()
    {
        var configuration = Configurations.Job(2, keywords: $"calm sea\n{PiApiEmulatorOptions.NeverFinishMarker}", aspectRatios: "1:1");
        configuration["parameters"]!["pollingTimeoutMinutes"] = 1;
        configuration["parameters"]!["pollingIntervalSeconds"] = 5;
        var jobId = await factory.Client.StartJobAsync(configuration);

        var job = await factory.Client.WaitForJobAsync(jobId, TimeSpan.FromMinutes(4));

        Assert.Equal("completed", job.GetProperty("status").GetString());
        Assert.Equal(1, job.GetProperty("failedGenerations").GetInt32());
        Assert.Equal(4, job.GetProperty("totalImages").GetInt32());
        var failure = Assert.Single(job.GetProperty("generationFailures").EnumerateArray());
        Assert.Equal(1, failure.GetProperty("generationIndex").GetInt32());
        Assert.Contains("did not finish within 1 minute", failure.GetProperty("reason").GetString());
        var elapsed = job.GetProperty("completedAt").GetDateTimeOffset() - job.GetProperty("startedAt").GetDateTimeOffset();
        Assert.True(elapsed >= TimeSpan.FromMinutes(1), $"the job gave up after {elapsed}, before the timeout");
    }
}
