using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using GenImageFactory.Emulators;
using GenImageFactory.Emulators.PiApi;
using GenImageFactory.Emulators.Runware;
using GenImageFactory.Infrastructure.Providers;
using GenImageFactory.Pipeline.Activities;
using GenImageFactory.Pipeline.Orchestrations;
using GenImageFactory.Server.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace GenImageFactory.Server.Tests;

/// <summary>Tasks that take four seconds, polled every second.</summary>
public class SlowProviderFixture : FactoryFixture
{
    public const int LatencyMs = 4000;

    protected override void Configure(IDictionary<string, string?> settings) => settings["Emulators:LatencyMs"] = $"{LatencyMs}";
}

/// <summary>The same, with PiAPI's webhook pointing back at this Server.</summary>
public sealed class WebhookFixture : SlowProviderFixture
{
    public const string Secret = "webhook-secret-for-tests-0123456789";

    protected override void Configure(IDictionary<string, string?> settings)
    {
        base.Configure(settings);
        settings["Providers:PiApi:WebhookBaseUrl"] = $"http://127.0.0.1:{Port}/";
        settings["Providers:PiApi:WebhookSecret"] = Secret;
    }
}

public static class WebhookJob
{
    public const int Generations = 3;

    /// <summary>Runs a small job and answers the emulator's polls of its tasks.</summary>
    public static async Task<IReadOnlyList<long>> RunAsync(FactoryFixture factory, string keyword) => (await RunJobAsync(factory, keyword)).Polls;

    /// <summary>Runs a small job and answers its id and the emulator's polls of its tasks.</summary>
    public static async Task<(string JobId, IReadOnlyList<long> Polls)> RunJobAsync(FactoryFixture factory, string keyword)
    {
        var before = factory.Emulator.PollsPerTask.Keys.ToHashSet();
        var jobId = await factory.Client.StartJobAsync(Configurations.ProviderOnlyJob(Generations, keyword));
        var job = await factory.Client.WaitForJobAsync(jobId, TimeSpan.FromMinutes(3));
        Assert.Equal("completed", job.GetProperty("status").GetString());
        Assert.Equal(Generations * 4, job.GetProperty("totalImages").GetInt32());
        return (jobId, factory.Emulator.PollsPerTask.Where(p => !before.Contains(p.Key)).Select(p => p.Value).ToList());
    }

    /// <summary>The provider events the job's orchestrations received, from the task hub's history.</summary>
    public static List<TableEntity> ProviderEvents(FactoryFixture factory, string jobId) =>
        factory.Tables.GetTableClient(factory.TaskHub + "History")
            .Query<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey ge {jobId} and PartitionKey lt {jobId + "~"} and EventType eq 'EventRaised' and Name eq {RunGenerationOrchestrator.ProviderTaskChangedEvent}"),
                select: ["PartitionKey", "EventType", "Name"])
            .ToList();

    /// <summary>Every step and sub-orchestration the job's orchestrations scheduled, from the task hub's history.</summary>
    public static List<TableEntity> Scheduled(FactoryFixture factory, string jobId) =>
        factory.Tables.GetTableClient(factory.TaskHub + "History")
            .Query<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey ge {jobId} and PartitionKey lt {jobId + "~"} and (EventType eq 'TaskScheduled' or EventType eq 'SubOrchestrationInstanceCreated')"),
                select: ["PartitionKey", "EventType", "Name"])
            .ToList();
}

public class PolledJobTests(SlowProviderFixture factory) : IClassFixture<SlowProviderFixture>
{
    [Fact]
    public async Task WithoutWebhooks_EachTaskIsPolledUntilItEnds()
    {
        var polls = await WebhookJob.RunAsync(factory, "harbour crane");

        Assert.Equal(WebhookJob.Generations, polls.Count);
        // Polled every second through four seconds of work.
        Assert.All(polls, p => Assert.True(p >= 3, $"{p} poll(s)"));
    }

    [Fact]
    public async Task WithoutWebhooks_EachGenerationIsOneStepOfItsBatch_ThatPollsItsTaskToTheEnd_WithNoOrchestrationOfItsOwn()
    {
        var (jobId, polls) = await WebhookJob.RunJobAsync(factory, "quarry dust");

        var scheduled = WebhookJob.Scheduled(factory, jobId);
        Assert.Equal(WebhookJob.Generations, polls.Count);
        Assert.All(polls, p => Assert.True(p >= 3, $"{p} poll(s)"));
        Assert.Equal(WebhookJob.Generations, scheduled.Count(e => e.GetString("Name") == nameof(SubmitGenerationActivity)));
        Assert.DoesNotContain(scheduled, e => e.GetString("Name") is nameof(PollGenerationActivity) or nameof(RunGenerationOrchestrator));
        Assert.DoesNotContain(scheduled, e => GenerationInput.IsInstanceId(e.PartitionKey));
    }
}

public class WebhookTests(WebhookFixture factory) : IClassFixture<WebhookFixture>
{
    [Fact]
    public async Task WithWebhooks_ATaskIsPolledOnceWhenItsCallComes_LongBeforeTheSafetyNet_ByItsBatch()
    {
        var caller = factory.Services.GetRequiredService<EmulatorWebhookCaller>();
        var callsBefore = caller.Calls;
        var started = DateTimeOffset.UtcNow;

        var (jobId, polls) = await WebhookJob.RunJobAsync(factory, "harbour crane");

        Assert.Equal(WebhookJob.Generations, polls.Count);
        Assert.All(polls, p => Assert.Equal(1, p));
        Assert.Equal(WebhookJob.Generations, caller.Calls - callsBefore);
        // Without the call no task would be polled before the safety net's first poll.
        Assert.True(DateTimeOffset.UtcNow - started < RunGenerationOrchestrator.MinSafetyNetInterval,
            $"took {DateTimeOffset.UtcNow - started}");
        // The calls went to the batch, which polled each task once itself: no generation needed an orchestration.
        var scheduled = WebhookJob.Scheduled(factory, jobId);
        Assert.Equal(WebhookJob.Generations, scheduled.Count(e => e.GetString("Name") == nameof(SubmitGenerationActivity)));
        Assert.Equal(WebhookJob.Generations, scheduled.Count(e => e.GetString("Name") == nameof(PollGenerationActivity)));
        Assert.DoesNotContain(scheduled, e => e.GetString("Name") == nameof(RunGenerationOrchestrator) || GenerationInput.IsInstanceId(e.PartitionKey));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("wrong-secret-wrong-secret-wrong")]
    [InlineData(WebhookFixture.Secret + "x")]
    public async Task ACallWithoutTheSecret_Gets401(string? secret)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/webhooks/piapi?instance=x")
        {
            Content = JsonContent.Create(new JsonObject { ["data"] = new JsonObject { ["task_id"] = "t" } }),
        };
        if (secret is not null)
        {
            request.Headers.Add(PiApiEmulatorEndpoints.SecretHeader, secret);
        }

        using var response = await factory.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("2516065925610963007-3ab26cb7:g0001")]
    [InlineData("2516065925610963007-3ab26cb7:b0100")]
    public async Task AGenuineCall_ForABatchOrAGeneration_IsAccepted_EvenWhenNothingWaits(string instance)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"api/webhooks/piapi?instance={instance}")
        {
            Content = JsonContent.Create(new JsonObject { ["data"] = new JsonObject { ["task_id"] = "t" } }),
        };
        request.Headers.Add(PiApiEmulatorEndpoints.SecretHeader, WebhookFixture.Secret);

        using var response = await factory.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }

    [Theory]
    [InlineData("not-an-instance", "{\"data\": {\"task_id\": \"t\"}}", "instance")]
    [InlineData("2516065925610963007-3ab26cb7:x0001", "{\"data\": {\"task_id\": \"t\"}}", "instance")]
    [InlineData("2516065925610963007-3ab26cb7", "{\"data\": {\"task_id\": \"t\"}}", "instance")]
    [InlineData("2516065925610963007-3ab26cb7:g0001", "{\"data\": {}}", "data.task_id")]
    [InlineData("2516065925610963007-3ab26cb7:g0001", "[1, 2]", "data.task_id")]
    public async Task AGenuineCallThatNamesNoGenerationOrTask_Gets400NamingTheField(string instance, string body, string field)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"api/webhooks/piapi?instance={instance}")
        {
            Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.Add(PiApiEmulatorEndpoints.SecretHeader, WebhookFixture.Secret);

        using var response = await factory.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonObject>();
        Assert.NotNull(problem?["errors"]?[field]);
    }
}

/// <summary>Runware's tasks take four seconds, and its webhook points back at this Server.</summary>
public sealed class RunwareWebhookFixture : SlowProviderFixture
{
    protected override void Configure(IDictionary<string, string?> settings)
    {
        base.Configure(settings);
        settings["Providers:Runware:WebhookBaseUrl"] = $"http://127.0.0.1:{Port}/";
        settings["Providers:Runware:WebhookSecret"] = WebhookFixture.Secret;
    }
}

public class RunwareWebhookTests(RunwareWebhookFixture factory) : IClassFixture<RunwareWebhookFixture>
{
    private const string Batch = "2516065925610963007-3ab26cb7:b0100";

    [Fact]
    public async Task WithWebhooks_ARunwareTaskRunsAsynchronously_AndIsPolledOnceWhenItsCallsCome_ByItsBatch()
    {
        var emulator = factory.Services.GetRequiredService<RunwareEmulator>();
        var caller = factory.Services.GetRequiredService<EmulatorWebhookCaller>();
        var (callsBefore, tasksBefore) = (caller.Calls, emulator.PollsPerTask.Keys.ToHashSet());
        var configuration = Configurations.ProviderOnlyJob(WebhookJob.Generations, "lighthouse beam");
        configuration["parameters"]!["provider"] = "runware";
        var started = DateTimeOffset.UtcNow;

        var jobId = await factory.Client.StartJobAsync(configuration);
        var job = await factory.Client.WaitForJobAsync(jobId, TimeSpan.FromMinutes(3));

        Assert.Equal("completed", job.GetProperty("status").GetString());
        Assert.Equal(WebhookJob.Generations * 4, job.GetProperty("totalImages").GetInt32());
        // Runware calls once per image; the first call of a task wakes its batch, which asks getResponse once.
        var polls = emulator.PollsPerTask.Where(p => !tasksBefore.Contains(p.Key)).Select(p => p.Value).ToList();
        Assert.Equal(WebhookJob.Generations, polls.Count);
        Assert.All(polls, p => Assert.Equal(1, p));
        Assert.Equal(WebhookJob.Generations * 4, caller.Calls - callsBefore);
        // A task's repeated calls raise one event: each would be a queue message and an episode of the batch.
        Assert.Equal(WebhookJob.Generations, WebhookJob.ProviderEvents(factory, jobId).Count);
        Assert.True(DateTimeOffset.UtcNow - started < RunGenerationOrchestrator.MinSafetyNetInterval, $"took {DateTimeOffset.UtcNow - started}");
        var scheduled = WebhookJob.Scheduled(factory, jobId);
        Assert.Equal(WebhookJob.Generations, scheduled.Count(e => e.GetString("Name") == nameof(SubmitGenerationActivity)));
        Assert.Equal(WebhookJob.Generations, scheduled.Count(e => e.GetString("Name") == nameof(PollGenerationActivity)));
        Assert.DoesNotContain(scheduled, e => e.GetString("Name") == nameof(RunGenerationOrchestrator) || GenerationInput.IsInstanceId(e.PartitionKey));
    }

    private const string TaskId = "0f0e6a8e-4c55-4b4e-9c43-1c2f7a8b9d10";

    [Fact]
    public async Task ACallCarryingTheTokenOfItsInstanceAndTask_IsAccepted_AndNoOtherCredentialIs()
    {
        var token = ProviderWebhooks.TokenFor(WebhookFixture.Secret, Batch, TaskId);
        var otherInstance = ProviderWebhooks.TokenFor(WebhookFixture.Secret, "2516065925610963007-3ab26cb7:b0000", TaskId);
        var otherTask = ProviderWebhooks.TokenFor(WebhookFixture.Secret, Batch, "5c1a7f0e-1111-4b4e-9c43-1c2f7a8b9d10");

        Assert.Equal(HttpStatusCode.Accepted, await CallAsync($"api/webhooks/runware?instance={Batch}&token={token}"));
        Assert.Equal(HttpStatusCode.Unauthorized, await CallAsync($"api/webhooks/runware?instance={Batch}&token={otherInstance}"));
        // A token leaked with one task's URL wakes nothing for another task.
        Assert.Equal(HttpStatusCode.Unauthorized, await CallAsync($"api/webhooks/runware?instance={Batch}&token={otherTask}"));
        Assert.Equal(HttpStatusCode.Unauthorized, await CallAsync($"api/webhooks/runware?instance={Batch}&token={WebhookFixture.Secret}"));
        Assert.Equal(HttpStatusCode.Unauthorized, await CallAsync($"api/webhooks/runware?instance={Batch}", secretHeader: WebhookFixture.Secret));
        // PiAPI's webhooks are off on this Server.
        Assert.Equal(HttpStatusCode.Unauthorized, await CallAsync($"api/webhooks/piapi?instance={Batch}&token={token}", secretHeader: WebhookFixture.Secret));
    }

    [Theory]
    [InlineData("""{"data": [{"taskType": "imageInference"}]}""", "data.taskUUID")]
    [InlineData("""{"data": {"taskUUID": 5}}""", "data.taskUUID")]
    [InlineData("[]", "data.taskUUID")]
    [InlineData("hello", "body")]
    [InlineData("{\"data\": [", "body")]
    public async Task ACallThatNamesNoTask_Gets400NamingTheField(string body, string field)
    {
        var token = ProviderWebhooks.TokenFor(WebhookFixture.Secret, Batch, TaskId);
        using var request = new HttpRequestMessage(HttpMethod.Post, $"api/webhooks/runware?instance={Batch}&token={token}")
        {
            Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json"),
        };

        using var response = await factory.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonObject>();
        Assert.NotNull(problem?["errors"]?[field]);
    }

    [Theory]
    [InlineData("openai-images")]
    [InlineData("PiAPI")]
    [InlineData("..%2Fhealth")]
    public async Task AProviderThatDoesNotCallBack_Gets404(string provider)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"api/webhooks/{provider}?instance={Batch}") { Content = JsonContent.Create(new JsonObject()) };

        using var response = await factory.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    private async Task<HttpStatusCode> CallAsync(string url, string? secretHeader = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url)
        {
            Content = JsonContent.Create(new JsonObject { ["data"] = new JsonArray(new JsonObject { ["taskType"] = "imageInference", ["taskUUID"] = TaskId }) }),
        };
        if (secretHeader is not null)
        {
            request.Headers.Add(PiApiEmulatorEndpoints.SecretHeader, secretHeader);
        }
        using var response = await factory.Http.SendAsync(request);
        return response.StatusCode;
    }
}
