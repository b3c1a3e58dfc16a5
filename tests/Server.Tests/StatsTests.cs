using System.Text.Json;
using System.Net.Http.Json;
using GenImageFactory.Domain.Configuration;
using GenImageFactory.Domain.Jobs;
using GenImageFactory.Pipeline.Models;
using GenImageFactory.Pipeline.Ports;
using GenImageFactory.Server.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace GenImageFactory.Server.Tests;

/// <summary>Statistics are running totals kept with each job write: they must equal a recount however the writes race.</summary>
public class StatsTests(ApiOnlyFixture factory) : IClassFixture<ApiOnlyFixture>
{
    private IJobStore Jobs => factory.Services.GetRequiredService<IJobStore>();

    [Fact]
    public async Task Totals_EqualARecount_AfterRacingCreatesUpdatesEndingsAndDeletes()
    {
        var configuration = ConfigurationReader.Read(JsonSerializer.SerializeToElement(Configurations.Job(1)), requireName: false).Value!;
        var now = DateTimeOffset.UtcNow;
        // 48 jobs over 16 totals rows: every row is written by several jobs at once.
        var ids = Enumerable.Range(0, 48).Select(i => $"{JobId.InvertedTicks(now)}-{i:x8}").ToList();
        JobRecord Record(string id) => new()
        {
            Id = id, Label = "stats", Status = JobStatus.Running, Phase = JobPhase.Generating, Configuration = configuration, CreatedAt = now, TotalGenerations = 4,
        };

        Assert.All(await Task.WhenAll(ids.Select(id => Jobs.CreateAsync(Record(id), CancellationToken.None))), Assert.True);
        // A second create of the same id (a derived id launched twice) changes nothing.
        Assert.All(await Task.WhenAll(ids.Take(8).Select(id => Jobs.CreateAsync(Record(id), CancellationToken.None))), Assert.False);

        await Task.WhenAll(ids.Select(async (id, i) =>
        {
            for (var step = 1; step <= 4; step++)
            {
                Assert.True(await Jobs.UpdateAsync(id, new JobUpdate { WhileActive = true, TotalImages = step * 4, ApprovedImages = step * 3, FailedImages = step }, CancellationToken.None));
            }
            switch (i % 4)
            {
                case 0:
                    await Jobs.UpdateAsync(id, new JobUpdate { WhileActive = true, Status = JobStatus.Completed, TotalImages = 17 }, CancellationToken.None);
                    // A late progress write of the workflow: refused, so the totals do not move either.
                    Assert.False(await Jobs.UpdateAsync(id, new JobUpdate { WhileActive = true, TotalImages = 99 }, CancellationToken.None));
                    break;
                case 1:
                    await Jobs.UpdateAsync(id, JobUpdate.Ending(JobStatus.Cancelled, now, "stats test"), CancellationToken.None);
                    break;
                case 2:
                    await Jobs.MarkDeletingAsync(id, CancellationToken.None);
                    await Jobs.MarkDeletingAsync(id, CancellationToken.None);
                    Assert.True(await Jobs.DeleteAsync(id, CancellationToken.None));
                    break;
                case 3 when i % 8 == 3:
                    Assert.True(await Jobs.DeleteAsync(id, CancellationToken.None));
                    Assert.False(await Jobs.DeleteAsync(id, CancellationToken.None));
                    break;
            }
        }));

        var recount = await AllJobsAsync();
        Assert.Equal(48 - 12 - 6, recount.Count);
        Assert.DoesNotContain(recount, j => j.Id.StartsWith('~'));
        var stats = await factory.Http.GetFromJsonAsync<StatsBody>("api/stats");
        Assert.NotNull(stats);
        Assert.Equal(recount.Count, stats.TotalJobs);
        foreach (var status in JobStatus.All)
        {
            Assert.Equal(recount.Count(j => j.Status == status), stats.JobsByStatus[status]);
        }
        Assert.Equal(recount.Sum(j => j.TotalImages), stats.ImagesGenerated);
        Assert.Equal(recount.Sum(j => j.ApprovedImages), stats.ApprovedImages);
        Assert.Equal(recount.Sum(j => j.FailedImages), stats.FailedImages);
        Assert.Equal(12 * 17 + 18 * 16, stats.ImagesGenerated);
    }

    private async Task<List<JobRecord>> AllJobsAsync()
    {
        var all = new List<JobRecord>();
        string? continuation = null;
        do
        {
            var page = await Jobs.ListAsync(7, continuation, CancellationToken.None);
            all.AddRange(page.Items);
            continuation = page.Continuation;
        }
        while (continuation is not null);
        return all;
    }

    private sealed record StatsBody(int TotalJobs, Dictionary<string, int> JobsByStatus, int ImagesGenerated, int ApprovedImages, int FailedImages);
}
