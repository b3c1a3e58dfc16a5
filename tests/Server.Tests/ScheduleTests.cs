using System.Net;
using System.Text.Json;
using Azure.Data.Tables;
using GenImageFactory.Domain.Schedules;
using GenImageFactory.Pipeline.Ports;
using GenImageFactory.Pipeline.Schedules;
using GenImageFactory.Server.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace GenImageFactory.Server.Tests;

public class ScheduleFixture : FactoryFixture
{
    protected override void Configure(IDictionary<string, string?> settings) => settings["Schedules:TickSeconds"] = "1";
}

[LongRunning(65)]
public class ScheduleTests(ScheduleFixture factory) : IClassFixture<ScheduleFixture>
{
    private async Task<string> SaveConfigurationAsync()
    {
        var configuration = Configurations.Job(1, aspectRatios: "1:1");
        configuration["name"] = $"nightly {Guid.NewGuid():N}";
        using var response = await factory.Http.PostAsJsonAsync("api/configurations", configuration);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
    }

    private async Task<JsonElement> CreateScheduleAsync(string configurationId, string cron)
    {
        using var response = await factory.Http.PostAsJsonAsync("api/schedules", new { configurationId, cron, enabled = true });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(new Uri(factory.Http.BaseAddress!, $"/api/schedules/{created.GetProperty("id").GetString()}"), response.Headers.Location);
        return created;
    }

    private async Task<int> ScheduleCountAsync() =>
        (await factory.Http.GetFromJsonAsync<JsonElement>("api/schedules?limit=100")).GetProperty("items").GetArrayLength();

    [Fact]
    public async Task Create_WithABadCronAndAnUnknownConfiguration_Is400NamingBoth_AndWritesNothing()
    {
        var before = await ScheduleCountAsync();

        using var response = await factory.Http.PostAsJsonAsync("api/schedules", new { configurationId = "no-such-configuration", cron = "every morning", enabled = "yes" });
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = problem.GetProperty("errors");
        Assert.True(errors.TryGetProperty("cron", out _), problem.ToString());
        Assert.True(errors.TryGetProperty("configurationId", out _), problem.ToString());
        Assert.True(errors.TryGetProperty("enabled", out _), problem.ToString());
        Assert.Equal(before, await ScheduleCountAsync());
    }

    [Fact]
    public async Task HostedTimer_StartsTheSavedConfiguration_AndTheScheduleReportsIt_UntilDeleted()
    {
        var configurationId = await SaveConfigurationAsync();
        // Every minute, the most often a schedule may fire: the first slot is at most a minute away.
        var schedule = await CreateScheduleAsync(configurationId, "* * * * *");
        var id = schedule.GetProperty("id").GetString();
        Assert.True(schedule.GetProperty("nextRunAt").GetDateTimeOffset() > schedule.GetProperty("createdAt").GetDateTimeOffset());

        JsonElement latest = default;
        await Eventually.TrueAsync(async () =>
        {
            latest = await factory.Http.GetFromJsonAsync<JsonElement>($"api/schedules/{id}");
            return latest.GetProperty("lastJobId").ValueKind == JsonValueKind.String;
        }, TimeSpan.FromSeconds(150), "the schedule never started a job");
        using var deleted = await factory.Http.DeleteAsync($"api/schedules/{id}");
        using var gone = await factory.Http.GetAsync($"api/schedules/{id}");

        var job = await factory.Client.GetJobAsync(latest.GetProperty("lastJobId").GetString()!);
        Assert.Equal(configurationId, job.GetProperty("configurationId").GetString());
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
    }

    [Fact]
    public async Task OneSlot_FiredThreeTimes_TwoAtOnce_StartsOneJob()
    {
        var configurationId = await SaveConfigurationAsync();
        var schedule = await CreateScheduleAsync(configurationId, "0 0 1 1 *");
        var id = schedule.GetProperty("id").GetString()!;
        var slot = CronSchedule.Parse("0 0 1 1 *").NextAfter(DateTimeOffset.UtcNow)!.Value;
        var runner = factory.Services.GetRequiredService<ScheduleRunner>();

        var together = await Task.WhenAll(runner.RunDueAsync(slot.AddSeconds(30), default), runner.RunDueAsync(slot.AddSeconds(31), default));
        var later = await runner.RunDueAsync(slot.AddMinutes(5), default);

        var ours = new List<string>();
        foreach (var jobId in together.SelectMany(ids => ids).Concat(later))
        {
            var job = await factory.Client.GetJobAsync(jobId);
            if (job.GetProperty("configurationId").GetString() == configurationId)
            {
                ours.Add(jobId);
            }
        }
        var runs = new List<TableEntity>();
        await foreach (var run in factory.Tables.GetTableClient("ScheduleRuns").QueryAsync<TableEntity>(e => e.PartitionKey == id))
        {
            runs.Add(run);
        }
        var reported = await factory.Http.GetFromJsonAsync<JsonElement>($"api/schedules/{id}");

        var only = Assert.Single(ours);
        Assert.Equal(only, Assert.Single(runs).GetString("JobId"));
        Assert.Equal(only, reported.GetProperty("lastJobId").GetString());
        Assert.Equal(slot, reported.GetProperty("lastRunAt").GetDateTimeOffset());
        await factory.Client.WaitForJobAsync(only, TimeSpan.FromMinutes(3));
    }

    [Fact]
    public async Task ASlotClaimedByACallerThatCrashedBeforeLaunching_IsLaunchedByALaterTick_Once()
    {
        var configurationId = await SaveConfigurationAsync();
        var schedule = await CreateScheduleAsync(configurationId, "0 0 2 1 *");
        var id = schedule.GetProperty("id").GetString()!;
        var slot = CronSchedule.Parse("0 0 2 1 *").NextAfter(DateTimeOffset.UtcNow)!.Value;
        var jobId = Domain.Jobs.JobId.Derived(slot, $"{id}@{slot:O}");
        var runner = factory.Services.GetRequiredService<ScheduleRunner>();
        // The claim is in, then the claimer dies: no job record, no orchestration.
        Assert.True(await factory.Services.GetRequiredService<IScheduleStore>().TryClaimSlotAsync(id, slot, jobId, default));

        var tooSoon = await runner.RunDueAsync(slot.AddSeconds(30), default);
        var later = await runner.RunDueAsync(slot + ScheduleRunner.RelaunchAfter + TimeSpan.FromSeconds(1), default);
        var again = await runner.RunDueAsync(slot + ScheduleRunner.RelaunchAfter + TimeSpan.FromSeconds(2), default);

        Assert.DoesNotContain(jobId, tooSoon);
        Assert.Equal([jobId], later.Where(j => j == jobId));
        Assert.DoesNotContain(jobId, again);
        var job = await factory.Client.WaitForJobAsync(jobId, TimeSpan.FromMinutes(3));
        Assert.Equal(configurationId, job.GetProperty("configurationId").GetString());
    }
}
