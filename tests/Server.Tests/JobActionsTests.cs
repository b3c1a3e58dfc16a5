using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using GenImageFactory.Emulators.PiApi;
using GenImageFactory.Server.Tests.Support;

namespace GenImageFactory.Server.Tests;

[LongRunning(100)]
public class JobActionsTests(FactoryFixture factory) : IClassFixture<FactoryFixture>
{
    private static readonly TimeSpan JobTimeout = TimeSpan.FromMinutes(3);

    private async Task<string> RunJobAsync(JsonObject? configuration = null)
    {
        var jobId = await factory.Client.StartJobAsync(configuration ?? Configurations.Job(1, aspectRatios: "1:1"));
        await factory.Client.WaitForJobAsync(jobId, JobTimeout);
        return jobId;
    }

    private async Task<string> SnapshotOfAsync(string jobId) =>
        await factory.Http.GetStringAsync($"api/jobs/{jobId}") +
        await factory.Http.GetStringAsync($"api/jobs/{jobId}/images") +
        await factory.Http.GetStringAsync($"api/jobs/{jobId}/logs");

    [Fact]
    public async Task Rename_ChangesTheLabelOnly()
    {
        var jobId = await RunJobAsync();
        var before = await factory.Client.GetJobAsync(jobId);

        using var response = await factory.Http.PatchAsJsonAsync($"api/jobs/{jobId}", new { label = "  spring batch  " });
        using var empty = await factory.Http.PatchAsJsonAsync($"api/jobs/{jobId}", new { label = "" });
        using var unknown = await factory.Http.PatchAsJsonAsync("api/jobs/0000000000000000000-00000000", new { label = "x" });
        var after = await factory.Client.GetJobAsync(jobId);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("spring batch", after.GetProperty("label").GetString());
        Assert.Equal(before.GetProperty("totalImages").GetInt32(), after.GetProperty("totalImages").GetInt32());
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task Rerun_UsesTheCurrentSavedConfiguration_AndLeavesTheOriginalUntouched()
    {
        var saved = new JsonObject { ["name"] = $"rerun {Guid.NewGuid():N}", ["keywords"] = "pine forest", ["parameters"] = new JsonObject { ["count"] = 1, ["aspectRatios"] = "1:1", ["pollingIntervalSeconds"] = 1 } };
        using var created = await factory.Http.PostAsJsonAsync("api/configurations", saved);
        var configurationId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();
        using var started = await factory.Http.PostAsJsonAsync("api/jobs", new { configurationId });
        var originalId = (await started.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        await factory.Client.WaitForJobAsync(originalId, JobTimeout);
        var originalBefore = await SnapshotOfAsync(originalId);
        saved["parameters"]!["count"] = 2;
        using var updated = await factory.Http.PutAsJsonAsync($"api/configurations/{configurationId}", saved);
        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);

        using var rerun = await factory.Http.PostAsync($"api/jobs/{originalId}/rerun", null);
        var rerunId = (await rerun.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        var job = await factory.Client.WaitForJobAsync(rerunId, JobTimeout);

        Assert.Equal(HttpStatusCode.Accepted, rerun.StatusCode);
        Assert.NotEqual(originalId, rerunId);
        Assert.Equal(originalId, job.GetProperty("rerunOf").GetString());
        Assert.Equal(configurationId, job.GetProperty("configurationId").GetString());
        Assert.EndsWith(" (Rerun)", job.GetProperty("label").GetString());
        Assert.Equal(2, job.GetProperty("totalGenerations").GetInt32());
        Assert.Equal(8, job.GetProperty("totalImages").GetInt32());
        Assert.Equal(originalBefore, await SnapshotOfAsync(originalId));
    }

    [Fact]
    public async Task EditAndRerun_RunsTheModifiedSettings_AndLeavesTheOriginalUntouched()
    {
        var originalId = await RunJobAsync();
        var originalBefore = await SnapshotOfAsync(originalId);
        var jobsBefore = await StoredJob.CountAsync(factory.Tables, "Jobs");
        var modified = Configurations.Job(2, keywords: "snowy peak", aspectRatios: "16:9");

        using var invalid = await factory.Http.PostAsJsonAsync($"api/jobs/{originalId}/rerun", new JsonObject { ["configuration"] = Configurations.Job(0) });
        using var notAnObject = await factory.Http.PostAsJsonAsync($"api/jobs/{originalId}/rerun", new JsonArray(1, 2));
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        Assert.Contains("configuration.parameters.count", await invalid.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, notAnObject.StatusCode);
        Assert.Equal(jobsBefore, await StoredJob.CountAsync(factory.Tables, "Jobs"));

        using var rerun = await factory.Http.PostAsJsonAsync($"api/jobs/{originalId}/rerun", new JsonObject { ["configuration"] = modified });
        Assert.Equal(HttpStatusCode.Accepted, rerun.StatusCode);
        var rerunId = (await rerun.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        var job = await factory.Client.WaitForJobAsync(rerunId, JobTimeout);
        var original = await factory.Client.GetJobAsync(originalId);

        Assert.Equal("completed", job.GetProperty("status").GetString());
        Assert.Equal(originalId, job.GetProperty("rerunOf").GetString());
        Assert.Equal(JsonValueKind.Null, job.GetProperty("configurationId").ValueKind);
        Assert.Equal($"{original.GetProperty("label").GetString()} (Rerun)", job.GetProperty("label").GetString());
        Assert.Equal(2, job.GetProperty("totalGenerations").GetInt32());
        Assert.Equal("snowy peak", job.GetProperty("configuration").GetProperty("keywords").GetString());
        Assert.All(await factory.Client.ListImagesAsync(rerunId), i => Assert.Equal("16:9", i.GetProperty("aspectRatio").GetString()));
        Assert.Equal(originalBefore, await SnapshotOfAsync(originalId));
    }

    [Fact]
    public async Task RerunMany_StartsOneNewJobPerKnownJob_AndRejectsTheRest()
    {
        var originals = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            originals.Add(await RunJobAsync());
        }
        const string unknown = "0000000000000000000-00000000";
        var before = string.Concat(await Task.WhenAll(originals.Select(SnapshotOfAsync)));

        using var response = await factory.Http.PostAsJsonAsync("api/jobs/rerun", new { jobIds = originals.Take(2).Append(unknown).Concat(originals.Skip(2)) });
        var statusUrl = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("statusUrl").GetString()!;
        JsonElement operation = default;
        await Eventually.TrueAsync(async () =>
        {
            operation = await factory.Http.GetFromJsonAsync<JsonElement>(statusUrl);
            return operation.GetProperty("status").GetString() == "completed";
        }, JobTimeout, "the bulk rerun completed");

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal(statusUrl, response.Headers.Location?.ToString());
        var started = operation.GetProperty("result").GetProperty("started").EnumerateArray().ToList();
        Assert.Equal(originals.Order(), started.Select(s => s.GetProperty("jobId").GetString()!).Order());
        Assert.Equal(5, started.Select(s => s.GetProperty("newJobId").GetString()).Distinct().Count());
        Assert.Equal(unknown, Assert.Single(operation.GetProperty("result").GetProperty("rejected").EnumerateArray()).GetProperty("jobId").GetString());
        foreach (var rerun in started)
        {
            var job = await factory.Client.WaitForJobAsync(rerun.GetProperty("newJobId").GetString()!, JobTimeout);
            Assert.Equal(rerun.GetProperty("jobId").GetString(), job.GetProperty("rerunOf").GetString());
            Assert.Equal("completed", job.GetProperty("status").GetString());
        }
        Assert.Equal(before, string.Concat(await Task.WhenAll(originals.Select(SnapshotOfAsync))));
    }

    [Fact]
    public async Task Delete_RemovesRecordImagesBlobsLogsAndHistory()
    {
        var jobId = await RunJobAsync();

        using var response = await factory.Http.DeleteAsync($"api/jobs/{jobId}");

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await factory.Http.GetAsync($"api/jobs/{jobId}")).StatusCode);
        Assert.Empty(await StoredJob.ImageRowsAsync(factory.Tables, jobId));
        Assert.Empty(await StoredJob.BlobNamesAsync(factory.Blobs, jobId));
        var leftovers = new List<string>();
        await foreach (var table in factory.Tables.QueryAsync())
        {
            await foreach (var row in factory.Tables.GetTableClient(table.Name).QueryAsync<TableEntity>(select: ["PartitionKey"]))
            {
                if (row.PartitionKey.StartsWith(jobId, StringComparison.Ordinal))
                {
                    leftovers.Add($"{table.Name}/{row.PartitionKey}");
                }
            }
        }
        Assert.Empty(leftovers);
    }

    [Fact]
    public async Task DeleteMany_DeletesTheKnownJobs_AndListsTheRestAsRejected()
    {
        var first = await RunJobAsync();
        var second = await RunJobAsync();
        const string unknown = "0000000000000000000-00000000";

        using var response = await factory.Http.PostAsJsonAsync("api/jobs/delete", new { jobIds = new[] { first, second, unknown, "../etc" } });
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        using var empty = await factory.Http.PostAsJsonAsync("api/jobs/delete", new { jobIds = Array.Empty<string>() });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal([first, second], body.GetProperty("deleted").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal([(unknown, "not found"), ("../etc", "not a job id")],
            body.GetProperty("rejected").EnumerateArray().Select(e => (e.GetProperty("id").GetString(), e.GetProperty("reason").GetString())));
        Assert.Equal(HttpStatusCode.NotFound, (await factory.Http.GetAsync($"api/jobs/{first}")).StatusCode);
        Assert.Empty(await StoredJob.ImageRowsAsync(factory.Tables, second));
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
    }

    [Fact]
    public async Task Delete_WhileRunning_Gets409_AndKeepsEverything()
    {
        var configuration = Configurations.Job(1, keywords: PiApiEmulatorOptions.NeverFinishMarker, aspectRatios: "1:1");
        var jobId = await factory.Client.StartJobAsync(configuration);
        await Eventually.TrueAsync(async () => (await factory.Client.GetJobAsync(jobId)).GetProperty("status").GetString() == "running", JobTimeout, "the job started");

        using var response = await factory.Http.DeleteAsync($"api/jobs/{jobId}");

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await factory.Http.GetAsync($"api/jobs/{jobId}")).StatusCode);
    }

    [Fact]
    public async Task Cancel_RunningJob_StopsEveryOrchestration_AndSaysSo()
    {
        var configuration = Configurations.Job(3, keywords: $"calm bay\n{PiApiEmulatorOptions.NeverFinishMarker}", aspectRatios: "1:1");
        var startedUnixMs = factory.Emulator.NowUnixMs;
        var jobId = await factory.Client.StartJobAsync(configuration);
        await Eventually.TrueAsync(async () => (await factory.Client.GetJobAsync(jobId)).GetProperty("totalImages").GetInt32() > 0, JobTimeout, "the finishing generations stored images");
        // On a loaded machine the others can finish before the stuck task's first poll: cancel once it is being polled.
        await Eventually.TrueAsync(() => Task.FromResult(StuckTaskPolls(startedUnixMs).Any()), JobTimeout, "the stuck task was polled");

        using var response = await factory.Http.PostAsync($"api/jobs/{jobId}/cancel", null);
        var job = await factory.Client.GetJobAsync(jobId);
        using var again = await factory.Http.PostAsync($"api/jobs/{jobId}/cancel", null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(("cancelled", 100), (job.GetProperty("status").GetString(), job.GetProperty("progress").GetInt32()));
        Assert.Equal("Cancelled by the user.", job.GetProperty("errorMessage").GetString());
        Assert.Equal(JsonValueKind.String, job.GetProperty("completedAt").ValueKind);
        Assert.NotEmpty(await StoredJob.ImageRowsAsync(factory.Tables, jobId));
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        // The job's orchestrations (the job, its batch, which polls the stuck task in the generation's first step, and
        // the generation's own orchestration when it has one) are terminated: nothing polls any more.
        var instances = factory.Tables.GetTableClient(factory.TaskHub + "Instances");
        await Eventually.TrueAsync(async () =>
        {
            var statuses = new Dictionary<string, string>();
            await foreach (var row in instances.QueryAsync<TableEntity>(e => e.PartitionKey == jobId || e.PartitionKey == $"{jobId}:b0000" || e.PartitionKey == $"{jobId}:g0001"))
            {
                statuses[row.PartitionKey] = row.GetString("RuntimeStatus") ?? "";
            }
            return statuses.Count >= 2 && statuses.Values.All(s => s == "Terminated");
        }, JobTimeout, "the job and its batch were terminated, and no orchestration of the stuck generation runs");
        var log = await factory.Http.GetStringAsync($"api/jobs/{jobId}/logs?format=text");
        Assert.Contains("Job cancelled", log);

        // The stuck task was polled every second until the cancel; a whole job run afterwards (several
        // poll intervals of its own) passes without a single further poll of it.
        var (stuckTask, pollsAtCancel) = Assert.Single(StuckTaskPolls(startedUnixMs));
        Assert.True(pollsAtCancel > 0);
        await RunJobAsync(Configurations.Job(1, keywords: "quiet harbour", aspectRatios: "1:1"));
        Assert.Equal(pollsAtCancel, factory.Emulator.PollsPerTask[stuckTask]);
    }

    /// <summary>Polls so far of the never-finishing tasks created since <paramref name="sinceUnixMs"/>.</summary>
    private List<KeyValuePair<string, long>> StuckTaskPolls(long sinceUnixMs) => factory.Emulator.PollsPerTask.Where(p =>
        EmulatedTask.TryParse(p.Key, out var task) && task.Fate == TaskFate.NeverFinishes && task.CreatedUnixMs >= sinceUnixMs).ToList();

    [Fact]
    public async Task Stats_AddUpEveryJob_AndFollowDeletes()
    {
        var kept = await RunJobAsync();
        var deleted = await RunJobAsync();
        var before = await factory.Http.GetFromJsonAsync<JsonElement>("api/stats");
        var deletedJob = await factory.Client.GetJobAsync(deleted);

        await factory.Http.DeleteAsync($"api/jobs/{deleted}");
        var after = await factory.Http.GetFromJsonAsync<JsonElement>("api/stats");

        Assert.Equal(before.GetProperty("totalJobs").GetInt32() - 1, after.GetProperty("totalJobs").GetInt32());
        Assert.Equal(before.GetProperty("imagesGenerated").GetInt32() - deletedJob.GetProperty("totalImages").GetInt32(), after.GetProperty("imagesGenerated").GetInt32());
        Assert.Equal(before.GetProperty("approvedImages").GetInt32() - deletedJob.GetProperty("approvedImages").GetInt32(), after.GetProperty("approvedImages").GetInt32());
        var byStatus = after.GetProperty("jobsByStatus");
        Assert.Equal(after.GetProperty("totalJobs").GetInt32(), byStatus.EnumerateObject().Sum(p => p.Value.GetInt32()));
        Assert.InRange(after.GetProperty("successRate").GetDouble(), 0, 1);
        Assert.Equal(HttpStatusCode.OK, (await factory.Http.GetAsync($"api/jobs/{kept}")).StatusCode);
    }
}
