using System.Text.Json;
using DurableTask.Core;
using GenImageFactory.Domain.Jobs;
using GenImageFactory.Pipeline.Activities;
using GenImageFactory.Pipeline.Generations;
using GenImageFactory.Pipeline.Images;
using GenImageFactory.Pipeline.Jobs;
using GenImageFactory.Pipeline.Models;
using GenImageFactory.Pipeline.Ports;
using GenImageFactory.Server.Durable;
using GenImageFactory.Server.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace GenImageFactory.Server.Tests;

/// <summary>Steps that run twice, late or at once with a user's cancel or delete: nothing lost, nothing doubled, nothing resurrected.</summary>
public class RaceTests(FactoryFixture factory) : IClassFixture<FactoryFixture>
{
    private T Service<T>() where T : notnull => factory.Services.GetRequiredService<T>();

    private async Task<string> FinishedJobAsync()
    {
        var jobId = await factory.Client.StartJobAsync(Configurations.Job(1, aspectRatios: "1:1"));
        await factory.Client.WaitForJobAsync(jobId, TimeSpan.FromMinutes(3));
        return jobId;
    }

    /// <summary>A job's record as running, with no orchestration: for calling its steps directly.</summary>
    private async Task<string> RecordedAsRunningAsync(string provider)
    {
        var job = Configurations.ProviderOnlyJob(4, "barn");
        job["parameters"]!["provider"] = provider;
        var jobId = JobId.New(DateTimeOffset.UtcNow) + "-steps";
        await Service<IJobStore>().CreateAsync(new JobRecord
        {
            Id = jobId, Label = "steps", Status = JobStatus.Running, Phase = JobPhase.Generating, TotalGenerations = 4, CreatedAt = DateTimeOffset.UtcNow,
            Configuration = Domain.Configuration.ConfigurationReader.Read(JsonSerializer.SerializeToElement(job), requireName: false).Value!,
        }, CancellationToken.None);
        return jobId;
    }

    private async Task<JobRecord> RunningRecordAsync()
    {
        var jobs = Service<IJobStore>();
        var launched = await Service<JobLauncher>().LaunchAsync(
            Domain.Configuration.ConfigurationReader.Read(JsonSerializer.SerializeToElement(Configurations.Job(1)), requireName: false).Value!,
            null, null, CancellationToken.None, jobId: JobId.New(DateTimeOffset.UtcNow) + "-race");
        await Eventually.TrueAsync(async () => await jobs.GetStatusAsync(launched.Id, CancellationToken.None) is JobStatus.Running or JobStatus.Completed,
            TimeSpan.FromMinutes(1), "the job never started");
        return launched;
    }

    [Fact]
    public async Task ACancelledJob_StaysCancelled_WithItsTime_WhateverTheWorkflowWritesAtOnce()
    {
        var jobs = Service<IJobStore>();
        var job = await RunningRecordAsync();
        var cancelledAt = DateTimeOffset.UtcNow.AddMinutes(-1);

        // The user's cancel and six late workflow writes (progress, then closing the job) at the same time.
        var cancel = jobs.UpdateAsync(job.Id, new JobUpdate { WhileActive = true, Status = JobStatus.Cancelled, Phase = JobPhase.Done, CompletedAt = cancelledAt, ErrorMessage = "Cancelled by the user." }, CancellationToken.None);
        var workflow = Enumerable.Range(0, 6).Select(i => jobs.UpdateAsync(job.Id, new JobUpdate
        {
            WhileActive = true,
            Status = i == 5 ? JobStatus.Completed : null,
            Progress = i,
            CompletedAt = i == 5 ? DateTimeOffset.UtcNow : null,
        }, CancellationToken.None)).ToList();
        await Task.WhenAll(workflow.Append(cancel));

        var record = (await jobs.GetAsync(job.Id, CancellationToken.None))!;
        if (await cancel)
        {
            Assert.Equal(JobStatus.Cancelled, record.Status);
            Assert.Equal(cancelledAt.ToUnixTimeMilliseconds(), record.CompletedAt!.Value.ToUnixTimeMilliseconds());
        }
        else
        {
            // The job closed on its own first; then the cancel must not have touched it.
            Assert.Equal(JobStatus.Completed, record.Status);
        }
        // Whichever came first, nothing after it changed the status.
        Assert.False(await jobs.UpdateAsync(job.Id, new JobUpdate { WhileActive = true, Status = JobStatus.Running }, CancellationToken.None));
    }

    /// <summary>Several clients delete one finished job at once (a double click, a retrying script, a bulk delete beside a single one).</summary>
    [Fact]
    public async Task DeletesOfOneJob_AtOnce_EachAnswerDeletedOrNotFound_AndTheJobIsWhollyGone()
    {
        var jobId = await FinishedJobAsync();
        var other = await FinishedJobAsync();

        var singles = Enumerable.Range(0, 4).Select(async _ =>
        {
            using var response = await factory.Http.DeleteAsync($"api/jobs/{jobId}");
            return response.StatusCode;
        });
        var bulk = factory.Http.PostAsJsonAsync("api/jobs/delete", new { jobIds = new[] { jobId, other } });
        var statuses = await Task.WhenAll(singles);
        using var bulkResponse = await bulk;

        Assert.All(statuses, s => Assert.Contains(s, new[] { System.Net.HttpStatusCode.NoContent, System.Net.HttpStatusCode.NotFound }));
        Assert.Equal(System.Net.HttpStatusCode.OK, bulkResponse.StatusCode);
        // One of the five deleted it; the others found it gone.
        var bulkDeleted = (await bulkResponse.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("deleted").EnumerateArray().Select(e => e.GetString()).ToList();
        Assert.Equal(1, statuses.Count(s => s == System.Net.HttpStatusCode.NoContent) + bulkDeleted.Count(id => id == jobId));
        Assert.Contains(other, bulkDeleted);
        foreach (var id in new[] { jobId, other })
        {
            using var gone = await factory.Http.GetAsync($"api/jobs/{id}");
            Assert.Equal(System.Net.HttpStatusCode.NotFound, gone.StatusCode);
            Assert.Empty(await StoredJob.ImageRowsAsync(factory.Tables, id));
            Assert.Empty(await StoredJob.BlobNamesAsync(factory.Blobs, id));
        }
    }

    /// <summary>Edits and a delete of one configuration at once: each answers as if it came first or second, never with a failure of its own.</summary>
    [Fact]
    public async Task EditsAndADeleteOfOneConfiguration_AtOnce_NeverFail()
    {
        for (var round = 0; round < 3; round++)
        {
            using var created = await factory.Http.PostAsJsonAsync("api/configurations", new { name = $"contested {Guid.NewGuid():N}", keywords = "a" });
            var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();
            var edits = Enumerable.Range(0, 3).Select(async i =>
            {
                using var response = await factory.Http.PutAsJsonAsync($"api/configurations/{id}", new { name = $"edit {i} {Guid.NewGuid():N}", keywords = "b" });
                return response.StatusCode;
            });
            var delete = Task.Run(async () =>
            {
                using var response = await factory.Http.DeleteAsync($"api/configurations/{id}");
                return response.StatusCode;
            });

            var statuses = (await Task.WhenAll(edits.Append(delete))).ToList();

            // Without If-Match the last write wins: an edit is 200 (before the delete) or 404 (after it), never 412 or 500.
            Assert.All(statuses.Take(3), s => Assert.Contains(s, new[] { System.Net.HttpStatusCode.OK, System.Net.HttpStatusCode.NotFound }));
            Assert.Contains(statuses[3], new[] { System.Net.HttpStatusCode.NoContent, System.Net.HttpStatusCode.NotFound });
        }
    }

    [Fact]
    public async Task AnImageStoreStep_FinishingAfterItsJobsDeleteBegan_LeavesNoRecordRowOrBlob()
    {
        var jobId = await RecordedAsRunningAsync("piapi");
        var done = await CompletedTaskAsync("a late lighthouse");

        // The delete begins once the step has stored the originals, while it reviews them.
        var stored = await Service<GenerationImageStore>().StoreAsync(new GenerationTarget(jobId, 7, "a late lighthouse", "1:1", "piapi"), done,
            async _ => await Service<IJobStore>().MarkDeletingAsync(jobId, CancellationToken.None));

        Assert.Empty(stored.ImageIds);
        Assert.Contains("deleted", stored.Error);
        Assert.DoesNotContain((await StoredJob.ImageRowsAsync(factory.Tables, jobId)), r => r.RowKey.Contains("-g0007-"));
        Assert.DoesNotContain((await StoredJob.BlobNamesAsync(factory.Blobs, jobId)), b => b.Contains("-g0007-"));
    }

    [Fact]
    public async Task AnImageStoreStep_OfAJobCancelledWhileItsTaskRan_StoresAndReviewsNothing_AndTheClosedCountsStay()
    {
        var jobId = await RecordedAsRunningAsync("piapi");
        var done = await CompletedTaskAsync("a lighthouse after its cancel");
        await Service<IJobStore>().UpdateAsync(jobId, JobUpdate.Ending(JobStatus.Cancelled, DateTimeOffset.UtcNow, JobCancellation.Reason), CancellationToken.None);

        var polled = await Service<ProviderTaskPolling>().StoreAsync(new GenerationTarget(jobId, 5, "a lighthouse after its cancel", "1:1", "piapi"), done, attempt: 0, batch: null);

        Assert.True(polled.JobEnded, polled.ToString());
        Assert.Empty(polled.Stored!.ImageIds);
        Assert.Empty(await StoredJob.ImageRowsAsync(factory.Tables, jobId));
        Assert.Empty(await StoredJob.BlobNamesAsync(factory.Blobs, jobId));
        var job = await Service<IJobStore>().GetAsync(jobId, CancellationToken.None);
        Assert.Equal((JobStatus.Cancelled, 0), (job!.Status, job.TotalImages));
    }

    [Fact]
    public async Task ACancel_CountsTheCostOfTasksStoredSinceTheWorkflowsLastProgressWrite()
    {
        var jobId = await RecordedAsRunningAsync("piapi");
        var done = await CompletedTaskAsync("a lighthouse paid for");
        Assert.True(done.Cost > 0, done.ToString());
        // Stored, as a step does, but the workflow that would have added the cost to the job's record never does.
        await Service<ProviderTaskPolling>().StoreAsync(new GenerationTarget(jobId, 2, "a lighthouse paid for", "1:1", "piapi"), done, attempt: 0, batch: null);

        Assert.True(await Service<JobClosing>().CloseAsync(jobId, JobStatus.Cancelled, JobCancellation.Reason, CancellationToken.None));

        var job = await Service<IJobStore>().GetAsync(jobId, CancellationToken.None);
        Assert.Equal((JobStatus.Cancelled, done.Cost), (job!.Status, (decimal?)job.Spend));
        Assert.True(job.TotalImages > 0);
    }

    private async Task<ProviderTaskStatus> CompletedTaskAsync(string prompt)
    {
        var provider = Service<IImageProviders>().Get("piapi");
        var submitted = await provider.SubmitAsync(new ProviderTaskRequest(prompt, "1:1", "relax"), CancellationToken.None);
        ProviderTaskStatus done = submitted;
        await Eventually.TrueAsync(async () => (done = await provider.PollAsync(submitted.TaskId!, CancellationToken.None)).State == ProviderTaskState.Completed,
            TimeSpan.FromSeconds(30), "the emulated task never completed");
        return done;
    }

    /// <summary>
    /// Approves and rejects of one image sent together, round after round: each answers 200, and the job's counts and the
    /// review lists (the status index) end as the image's record does, whichever change was written last.
    /// </summary>
    [Fact]
    public async Task ApprovesAndRejectsOfOneImage_AtOnce_LeaveTheCountsAndTheReviewListsAsTheImageEnds()
    {
        var jobId = await FinishedJobAsync();
        var imageId = (await factory.Client.ListImagesAsync(jobId))[0].GetProperty("id").GetString()!;

        for (var round = 0; round < 4; round++)
        {
            var answers = await Task.WhenAll(Enumerable.Range(0, 10).Select(async i =>
            {
                using var response = await factory.Http.PostAsync($"api/images/{imageId}/{(i % 2 == 0 ? "approve" : "reject")}", null);
                return response.StatusCode;
            }));
            Assert.All(answers, a => Assert.Equal(System.Net.HttpStatusCode.OK, a));

            var images = await factory.Client.ListImagesAsync(jobId);
            var job = await factory.Client.GetJobAsync(jobId);
            Assert.Equal(images.Count(i => i.GetProperty("qcStatus").GetString() == ImageQcStatus.Approved), job.GetProperty("approvedImages").GetInt32());
            Assert.Equal(images.Count(i => i.GetProperty("qcStatus").GetString() == ImageQcStatus.QcFailed), job.GetProperty("failedImages").GetInt32());
            var status = images.Single(i => i.GetProperty("id").GetString() == imageId).GetProperty("qcStatus").GetString();
            Assert.Equal(status == ImageQcStatus.Approved, (await IndexedImageIdsAsync(ImageQcStatus.Approved)).Contains(imageId));
            Assert.Equal(status == ImageQcStatus.QcFailed, (await IndexedImageIdsAsync(ImageQcStatus.QcFailed)).Contains(imageId));
        }
    }

    /// <summary>Every image id of the review list of one status (the index across jobs), page by page.</summary>
    private async Task<HashSet<string>> IndexedImageIdsAsync(string qcStatus)
    {
        var ids = new HashSet<string>();
        string? continuation = null;
        do
        {
            var page = await factory.Http.GetFromJsonAsync<JsonElement>(
                $"api/images?qcStatus={qcStatus}&limit=100" + (continuation is null ? "" : $"&continuation={Uri.EscapeDataString(continuation)}"));
            ids.UnionWith(page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()!));
            continuation = page.TryGetProperty("continuation", out var next) && next.ValueKind == JsonValueKind.String ? next.GetString() : null;
        }
        while (continuation is not null);
        return ids;
    }

    [Fact]
    public async Task AStatusChange_OfAnImageDeletedMeanwhile_BringsNothingBack()
    {
        var jobId = await FinishedJobAsync();
        var image = (await Service<IImageRecordStore>().ListAllOfJobAsync(jobId, CancellationToken.None))[0];
        using var deleted = await factory.Http.DeleteAsync($"api/images/{image.Id}");

        var result = await Service<ImageStatusChanges>().ApplyAsync(image, image with { QcStatus = ImageQcStatus.Processing }, CancellationToken.None);

        Assert.Null(result);
        Assert.Null(await Service<IImageRecordStore>().GetAsync(jobId, image.Id, CancellationToken.None));
        var processing = await factory.Http.GetFromJsonAsync<JsonElement>("api/images?qcStatus=processing&limit=100");
        Assert.DoesNotContain(processing.GetProperty("items").EnumerateArray(), i => i.GetProperty("id").GetString() == image.Id);
    }

    [Fact]
    public async Task StartingAFinishedJobAgain_AtOnceFromSeveralCallers_LeavesItsOneExecutionAsItEnded()
    {
        var jobId = await FinishedJobAsync();
        var engine = await Service<DurableEngine>().Client;
        async Task<OrchestrationState> StateAsync() => await engine.GetOrchestrationStateAsync(jobId) ?? throw new InvalidOperationException("no orchestration");
        await Eventually.TrueAsync(async () => (await StateAsync()).OrchestrationStatus == OrchestrationStatus.Completed,
            TimeSpan.FromMinutes(1), "the job's orchestration never completed");
        var ended = await StateAsync();

        var workflow = Service<IWorkflowClient>();
        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => workflow.StartJobAsync(jobId, CancellationToken.None)));

        var after = await StateAsync();
        Assert.Equal((OrchestrationStatus.Completed, ended.OrchestrationInstance.ExecutionId), (after.OrchestrationStatus, after.OrchestrationInstance.ExecutionId));
        Assert.False(WorkflowInstance.Alive(await workflow.GetJobStatusAsync(jobId, CancellationToken.None)));
    }

    [Fact]
    public async Task TheBulkRerunStep_RunTwice_StartsOneJob()
    {
        var source = await FinishedJobAsync();
        var request = new RerunJobRequest(source, "rerun-op-twice", DateTimeOffset.UtcNow);
        var activity = Service<RerunJobActivity>();
        var jobsBefore = await StoredJob.CountAsync(factory.Tables, "Jobs");

        var first = await activity.RunAsync(null!, request);
        var second = await activity.RunAsync(null!, request);

        Assert.NotNull(first.NewJobId);
        Assert.Equal(first.NewJobId, second.NewJobId);
        Assert.Equal(jobsBefore + 1, await StoredJob.CountAsync(factory.Tables, "Jobs"));
    }

    [Fact]
    public async Task TheIndex_WrittenTwice_HasOneRow_AndAStaleRowIsNotShown()
    {
        var jobId = await FinishedJobAsync();
        var image = (await Service<IImageRecordStore>().ListAllOfJobAsync(jobId, CancellationToken.None))[0];
        var index = Service<IImageIndex>();

        // A step that ran twice (with its own clock each time), and a row left by an interrupted status change.
        await index.AddAsync([image with { CreatedAt = image.CreatedAt.AddMinutes(5) }], CancellationToken.None);
        var stale = image with { QcStatus = image.QcStatus == ImageQcStatus.Approved ? ImageQcStatus.QcFailed : ImageQcStatus.Approved };
        await index.AddAsync([stale], CancellationToken.None);

        var listed = await factory.Http.GetFromJsonAsync<JsonElement>($"api/images?qcStatus={image.QcStatus}&limit=100");
        var other = await factory.Http.GetFromJsonAsync<JsonElement>($"api/images?qcStatus={stale.QcStatus}&limit=100");

        Assert.Single(listed.GetProperty("items").EnumerateArray(), i => i.GetProperty("id").GetString() == image.Id);
        Assert.DoesNotContain(other.GetProperty("items").EnumerateArray(), i => i.GetProperty("id").GetString() == image.Id);
    }

    [Fact]
    public async Task TheSubmitStep_RunTwiceForOneAttempt_PaysForOneTask_AndANewAttemptForAnother()
    {
        var jobId = await RecordedAsRunningAsync("piapi");
        var activity = Service<SubmitGenerationActivity>();
        var prompt = $"a twice-submitted barn {Guid.NewGuid():N}";
        var request = new SubmitGenerationRequest("piapi", new ProviderTaskRequest("", "", "relax"), jobId, 3, 0, new PreparedPrompt(prompt, prompt, "1:1"));

        var first = (await activity.RunAsync(null!, request)).Status;
        var again = (await activity.RunAsync(null!, request)).Status;
        var resubmission = (await activity.RunAsync(null!, request with { Attempt = 1 })).Status;

        Assert.Equal(ProviderTaskState.Pending, first.State);
        Assert.Equal(first.TaskId, again.TaskId);
        Assert.NotEqual(first.TaskId, resubmission.TaskId);
        Assert.Equal(2, factory.Emulator.SubmissionsOf(prompt));
    }

    /// <summary>
    /// An orchestration episode run again after a crash sends its steps again while the first ones still run: two runs of
    /// one submit step at once pay for one task (or one image), and both answer with it.
    /// </summary>
    [Theory]
    [InlineData("piapi")]
    [InlineData("openai-images")]
    public async Task TheSubmitStep_RunTwiceAtOnceForOneAttempt_PaysOnce_AndBothAnswerWithIt(string provider)
    {
        var jobId = await RecordedAsRunningAsync(provider);
        var activity = Service<SubmitGenerationActivity>();
        var prompt = $"a barn submitted by two runs at once {Guid.NewGuid():N}";
        var request = new SubmitGenerationRequest(provider, new ProviderTaskRequest("", "", "relax"), jobId, 1, 0, new PreparedPrompt(prompt, prompt, "1:1"));

        var runs = await Task.WhenAll(activity.RunAsync(null!, request), activity.RunAsync(null!, request));

        var paid = provider == "piapi" ? factory.Emulator.SubmissionsOf(prompt) : factory.OpenAiEmulator.ImagesOf(prompt);
        Assert.Equal(1, paid);
        Assert.All(runs, run => Assert.True(run.Status.State is ProviderTaskState.Pending or ProviderTaskState.Completed, run.ToString()));
        Assert.Equal(runs[0].Status.TaskId, runs[1].Status.TaskId);
    }

    /// <summary>A terminated batch's last episode can still send steps: for a job that has ended they pay for nothing.</summary>
    [Fact]
    public async Task TheSubmitStep_OfAJobThatWasCancelled_SubmitsNothing_AndSaysTheJobEnded()
    {
        var jobId = await RecordedAsRunningAsync("piapi");
        await Service<IJobStore>().UpdateAsync(jobId, JobUpdate.Ending(JobStatus.Cancelled, DateTimeOffset.UtcNow, JobCancellation.Reason), CancellationToken.None);
        var prompt = $"a barn after its cancel {Guid.NewGuid():N}";

        var step = await Service<SubmitGenerationActivity>().RunAsync(null!,
            new SubmitGenerationRequest("piapi", new ProviderTaskRequest("", "", "relax"), jobId, 0, 0, new PreparedPrompt(prompt, prompt, "1:1")));

        Assert.Equal(0, factory.Emulator.SubmissionsOf(prompt));
        Assert.True(step.Polled?.JobEnded, step.ToString());
    }

    [Fact]
    public async Task TheSubmitStep_OfASynchronousProvider_RunTwice_PaysForOneImage_AndStoresThatOne()
    {
        var jobId = await RecordedAsRunningAsync("openai-images");
        var activity = Service<SubmitGenerationActivity>();
        var prompt = $"a twice-submitted lake {Guid.NewGuid():N}";
        var request = new SubmitGenerationRequest("openai-images", new ProviderTaskRequest("", "", "relax"), jobId, 0, 0, new PreparedPrompt(prompt, prompt, "1:1"));

        // The second run is the step run again after a crash that lost the first one's result.
        var first = await activity.RunAsync(null!, request);
        var again = await activity.RunAsync(null!, request);

        Assert.Equal(1, factory.OpenAiEmulator.ImagesOf(prompt));
        Assert.All([first, again], step => Assert.Equal(ProviderTaskState.Completed, step.Status.State));
        var images = Assert.Single(first.Polled!.Stored!.ImageIds);
        Assert.Equal(images, Assert.Single(again.Polled!.Stored!.ImageIds));
        Assert.NotNull(await Service<IImageRecordStore>().GetAsync(jobId, images, CancellationToken.None));
    }

    /// <summary>A cancel whose process died after it terminated the job's orchestrations, before it closed the record.</summary>
    [Fact]
    public async Task TheSweep_FinishesACancelCutShortAfterItStoppedTheWorkflow_AsCancelled_WithTheStoredImagesCounted()
    {
        var jobs = Service<IJobStore>();
        var workflow = Service<IWorkflowClient>();
        // Generation 0 ends and stores its images; generation 1's task never ends, so the job runs on.
        var jobId = await factory.Client.StartJobAsync(Configurations.Job(2, keywords: "barn\nemulator:never-finish owl", aspectRatios: "1:1"));
        await Eventually.TrueAsync(async () => (await StoredJob.ImageRowsAsync(factory.Tables, jobId)).Count > 0, TimeSpan.FromMinutes(2),
            "generation 0 stored its images");
        var record = (await jobs.GetAsync(jobId, CancellationToken.None))!;
        await workflow.CancelJobAsync(jobId, record.TotalGenerations, JobCancellation.Reason, CancellationToken.None);
        // Terminating is a message the engine takes in its own time: the sweep (on a later tick) meets it done.
        await Eventually.TrueAsync(async () => await workflow.GetJobStatusAsync(jobId, CancellationToken.None) == WorkflowStatus.Terminated,
            TimeSpan.FromMinutes(1), "the job's orchestration was terminated");

        await Service<StuckJobSweep>().SweepAsync(CancellationToken.None);

        // Closed at once (not after the grace period, as failed; by this sweep or the Server's own tick), counted from what was stored.
        var after = (await jobs.GetAsync(jobId, CancellationToken.None))!;
        Assert.Equal((JobStatus.Cancelled, JobCancellation.Reason), (after.Status, after.ErrorMessage));
        Assert.Equal((await StoredJob.ImageRowsAsync(factory.Tables, jobId)).Count, after.TotalImages);
        Assert.Contains("Job cancelled", await factory.Http.GetStringAsync($"api/jobs/{jobId}/logs?format=text"));
    }

    [Fact]
    public async Task TheSweep_ClosesAJobRecordedRunningWithNoOrchestration_AndLeavesALiveOneAlone()
    {
        var jobs = Service<IJobStore>();
        var createdLongAgo = DateTimeOffset.UtcNow - StuckJobSweep.Grace - TimeSpan.FromMinutes(1);
        var orphan = JobId.New(createdLongAgo);
        var configuration = Domain.Configuration.ConfigurationReader.Read(JsonSerializer.SerializeToElement(Configurations.Job(1)), requireName: false).Value!;
        // A record whose orchestration never started (the launcher crashed in between).
        await jobs.CreateAsync(new JobRecord
        {
            Id = orphan, Label = "orphan", Status = JobStatus.Running, Phase = JobPhase.Generating,
            Configuration = configuration, TotalGenerations = 1, CreatedAt = createdLongAgo,
        }, CancellationToken.None);
        var live = await factory.Client.StartJobAsync(Configurations.Job(1, keywords: "emulator:never-finish barn"));

        var closed = await Service<StuckJobSweep>().SweepAsync(CancellationToken.None);

        Assert.Contains(orphan, closed);
        Assert.DoesNotContain(live, closed);
        var record = (await jobs.GetAsync(orphan, CancellationToken.None))!;
        Assert.Equal((JobStatus.Failed, 100), (record.Status, record.Progress));
        Assert.Contains("no live orchestration", record.ErrorMessage);
        Assert.Contains("stuck-job sweep", await factory.Http.GetStringAsync($"api/jobs/{orphan}/logs?format=text"));
        using var cancelled = await factory.Http.PostAsync($"api/jobs/{live}/cancel", null);
    }
}
