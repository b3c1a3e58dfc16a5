using GenImageFactory.Pipeline.Activities;
using GenImageFactory.Pipeline.Generations;
using GenImageFactory.Pipeline.Models;
using GenImageFactory.Pipeline.Orchestrations;

namespace GenImageFactory.Pipeline.Tests.Orchestrations;

/// <summary>One generation's orchestration on a scripted context: what it asks its steps, and what it concludes.</summary>
public sealed class RunGenerationOrchestratorTests
{
    private static readonly PreparedPrompt Written = new("a red barn at dawn", "a red barn at dawn", "1:1");

    private static GenerationInput Input(int retryAttempts = 0, int timeoutMinutes = 2) =>
        new("20261126-120000000-abcd", 0, new GenerationSettings("piapi", "relax", 1, timeoutMinutes, retryAttempts, 500), 1);

    private static SubmittedGeneration Submitted(ProviderTaskStatus status, bool woken = false) => new(status, []) { Prompt = Written, Woken = woken };

    private static PolledGeneration Completed(string taskId) =>
        new(ProviderTaskStatus.Completed(taskId, ["https://img.example/1.png"]), new StoredImages([$"{taskId}-image"], null));

    /// <summary>
    /// Runs the orchestration. A poll step moves the clock as a real one takes: a pending task the whole time it was
    /// given to poll for, any other answer one interval (it comes at the first poll).
    /// </summary>
    private static async Task<(GenerationOutcome Outcome, ScriptedOrchestrationContext Context)> RunAsync(
        GenerationInput input, Func<SubmitGenerationRequest, SubmittedGeneration> submit, Func<PollGenerationRequest, PolledGeneration> poll)
    {
        var context = new ScriptedOrchestrationContext((context, call) => call.Input switch
        {
            // Each answer says which step it answers, as the activities' do.
            SubmitGenerationRequest request => submit(request) with { Answers = request.StepKey() },
            PollGenerationRequest request => Polled(context, request, poll) with { Answers = request.TaskId },
            _ => throw new InvalidOperationException($"unexpected step {call.Name}"),
        });
        var outcome = await new RunGenerationOrchestrator().RunAsync(context, input);
        return (outcome, context);
    }

    private static PolledGeneration Polled(ScriptedOrchestrationContext context, PollGenerationRequest request, Func<PollGenerationRequest, PolledGeneration> poll)
    {
        var answer = poll(request);
        var pending = answer.Status.State == ProviderTaskState.Pending;
        context.Advance(pending ? request.PollFor : request.Interval < request.PollFor ? request.Interval : request.PollFor);
        return answer;
    }

    private static List<T> Inputs<T>(ScriptedOrchestrationContext context) => context.Calls.Select(c => c.Input).OfType<T>().ToList();

    [Fact]
    public async Task AFailedTask_IsResubmittedWithTheSamePrompt_AfterTheBackoff()
    {
        var (outcome, context) = await RunAsync(Input(retryAttempts: 1),
            request => Submitted(ProviderTaskStatus.Pending($"t{request.Attempt}")),
            request => request.TaskId == "t0" ? new(ProviderTaskStatus.Failed("t0", "the model crashed"), null) : Completed("t1"));

        var submits = Inputs<SubmitGenerationRequest>(context);
        Assert.True(outcome.Succeeded);
        Assert.Equal(["t1-image"], outcome.ImageIds);
        Assert.Equal(Written.Prompt, outcome.Prompt);
        Assert.Equal([0, 1], submits.Select(s => s.Attempt));
        Assert.Null(submits[0].Prompt);
        Assert.Equal(Written, submits[1].Prompt);
        Assert.Contains(submits[1].Log, line => line.Message.Contains("the model crashed"));
        Assert.Single(context.Timers);
    }

    [Fact]
    public async Task ThreePollErrorsInARow_FailTheTask()
    {
        var (outcome, context) = await RunAsync(Input(),
            _ => Submitted(ProviderTaskStatus.Pending("t0")),
            request => new(ProviderTaskStatus.Transient("t0", "503 from the provider"), null));

        Assert.False(outcome.Succeeded);
        Assert.Contains($"failed {RunGenerationOrchestrator.MaxConsecutivePollErrors} time(s) ({RunGenerationOrchestrator.MaxConsecutivePollErrors} in a row)", outcome.FailureReason);
        Assert.Equal(RunGenerationOrchestrator.MaxConsecutivePollErrors, Inputs<PollGenerationRequest>(context).Count);
    }

    [Fact]
    public async Task PollErrorsBetweenPendingAnswers_FailTheTaskAtTheTotalLimit()
    {
        var polls = 0;
        var (outcome, _) = await RunAsync(Input(timeoutMinutes: 60),
            _ => Submitted(ProviderTaskStatus.Pending("t0")),
            request => ++polls % 2 == 1 ? new(ProviderTaskStatus.Transient("t0", "timeout"), null) : new(ProviderTaskStatus.Pending("t0"), null));

        Assert.Contains($"failed {RunGenerationOrchestrator.MaxTotalPollErrors} time(s) (1 in a row)", outcome.FailureReason);
        Assert.Equal(2 * RunGenerationOrchestrator.MaxTotalPollErrors - 1, polls);
    }

    [Fact]
    public async Task ATaskPendingPastTheTimeout_Fails_PolledInStepsOfAMinuteAtMost()
    {
        var (outcome, context) = await RunAsync(Input(timeoutMinutes: 2),
            _ => Submitted(ProviderTaskStatus.Pending("t0")),
            _ => new(ProviderTaskStatus.Pending("t0", "processing"), null));

        var polls = Inputs<PollGenerationRequest>(context);
        Assert.Equal("The task did not finish within 2 minute(s).", outcome.FailureReason);
        Assert.All(polls, p => Assert.InRange(p.PollFor, TimeSpan.FromSeconds(1), RunGenerationOrchestrator.MaxPollingInOneStep));
        Assert.Equal(TimeSpan.FromMinutes(2), polls.Aggregate(TimeSpan.Zero, (sum, p) => sum + p.PollFor));
        Assert.Equal("processing", polls[^1].LastProviderStatus);
        Assert.Empty(context.Timers);
    }

    [Fact]
    public async Task AnAccountRefusal_StopsTheJob_WithoutResubmitting()
    {
        var (outcome, context) = await RunAsync(Input(retryAttempts: 3),
            _ => Submitted(ProviderTaskStatus.Refused(null, "Insufficient credits.")),
            _ => throw new InvalidOperationException("nothing to poll"));

        Assert.Equal("Insufficient credits.", outcome.Fatal);
        Assert.Single(Inputs<SubmitGenerationRequest>(context));
        Assert.Contains(outcome.Log, line => line.Message.Contains("stopping the job"));
    }

    [Fact]
    public async Task AnExhaustedPromptModel_StopsTheJob_BeforeAnyTask()
    {
        var (outcome, context) = await RunAsync(Input(retryAttempts: 3),
            _ => new SubmittedGeneration(ProviderTaskStatus.Refused(null, "quota"), []) { Prompt = Written with { Fatal = "The prompt model's quota is spent." } },
            _ => throw new InvalidOperationException("nothing to poll"));

        Assert.Equal("The prompt model's quota is spent.", outcome.Fatal);
        Assert.Single(Inputs<SubmitGenerationRequest>(context));
        Assert.Contains(outcome.Log, line => line.Message.Contains("prompt writing stopped the job"));
    }

    [Fact]
    public async Task ATaskWhoseProviderCallsBack_WaitsForTheCallOrTheSafetyNet_AndIsPolledOnceAtATime()
    {
        var (outcome, context) = await RunAsync(Input(),
            _ => Submitted(ProviderTaskStatus.Pending("t0"), woken: true),
            _ => Completed("t0"));

        var poll = Assert.Single(Inputs<PollGenerationRequest>(context));
        Assert.True(outcome.Succeeded);
        Assert.Equal(TimeSpan.Zero, poll.PollFor);
        // No call came: the safety net's timer woke the generation.
        Assert.Equal(context.Calls[0].At + RunGenerationOrchestrator.MinSafetyNetInterval, Assert.Single(context.Timers));
    }

    [Fact]
    public async Task ATaskThatEndsWhileItsSubmissionPolls_NeedsNoPollStep()
    {
        var (outcome, context) = await RunAsync(Input(),
            _ => Submitted(ProviderTaskStatus.Pending("t0")) with { Polled = Completed("t0") },
            _ => throw new InvalidOperationException("no poll step should be needed"));

        var submit = Assert.Single(Inputs<SubmitGenerationRequest>(context));
        Assert.True(outcome.Succeeded);
        Assert.Equal(["t0-image"], outcome.ImageIds);
        // The submission polls as long as a poll step would, at the configured interval.
        Assert.Equal((TimeSpan.FromSeconds(1), RunGenerationOrchestrator.MaxPollingInOneStep), (submit.Interval, submit.PollFor));
    }

    [Fact]
    public async Task ATaskStillPendingWhenItsSubmissionStoppedPolling_IsPolledOnInSteps_WithTheProvidersLastWord()
    {
        var (outcome, context) = await RunAsync(Input(),
            _ => Submitted(ProviderTaskStatus.Pending("t0")) with { Polled = new(ProviderTaskStatus.Pending("t0", "processing"), null) },
            _ => Completed("t0"));

        var poll = Assert.Single(Inputs<PollGenerationRequest>(context));
        Assert.True(outcome.Succeeded);
        Assert.Equal(("t0", "processing"), (poll.TaskId, poll.LastProviderStatus));
    }

    [Fact]
    public async Task AGenerationStartedFromItsBatchsFirstStep_SubmitsNoMore_AndItsTimeoutCountsFromThatStep()
    {
        var firstAsked = new DateTime(2026, 11, 26, 11, 59, 0, DateTimeKind.Utc);
        var input = Input(timeoutMinutes: 2) with
        {
            First = new FirstSubmission(Submitted(ProviderTaskStatus.Pending("t0")) with { Polled = new(ProviderTaskStatus.Pending("t0", "processing"), null) }, firstAsked),
        };

        var (outcome, context) = await RunAsync(input,
            _ => throw new InvalidOperationException("the first submission was the batch's"),
            _ => new(ProviderTaskStatus.Pending("t0", "processing"), null));

        // The step began a minute before the generation's orchestration: one more minute of polling, then the timeout.
        Assert.False(outcome.Succeeded);
        Assert.Contains("did not finish within 2 minute(s)", outcome.FailureReason);
        var poll = Assert.Single(Inputs<PollGenerationRequest>(context));
        Assert.Equal(TimeSpan.FromMinutes(1), poll.PollFor);
        Assert.Equal(Written.Prompt, outcome.Prompt);
    }

    [Fact]
    public async Task ASynchronousProvidersImages_StoredByTheSubmittingStep_EndTheGeneration()
    {
        var completed = ProviderTaskStatus.Completed(null, ["https://img.example/1.png"]) with { Cost = 0.04m };
        var (outcome, context) = await RunAsync(Input() with { Settings = Input().Settings with { Provider = "openai-images" } },
            _ => Submitted(completed) with { Polled = new(completed, new StoredImages(["image-1"], null)) },
            _ => throw new InvalidOperationException("nothing to poll"));

        Assert.Single(context.Calls);
        Assert.True(outcome.Succeeded);
        Assert.Equal(["image-1"], outcome.ImageIds);
        Assert.Equal(0.04m, outcome.Spend);
    }

    [Fact]
    public async Task APollStepThatGaveWayAsItsJobEnded_EndsTheGeneration_WithNoResubmission()
    {
        var (outcome, context) = await RunAsync(Input(retryAttempts: 2),
            _ => Submitted(ProviderTaskStatus.Pending("t0")) with { Polled = new(ProviderTaskStatus.Pending("t0"), null) },
            _ => new(ProviderTaskStatus.Pending("t0"), null) { JobEnded = true });

        Assert.Equal(RunGenerationOrchestrator.JobEndedReason, outcome.FailureReason);
        Assert.Single(Inputs<SubmitGenerationRequest>(context));
        Assert.Single(Inputs<PollGenerationRequest>(context));
        Assert.Empty(context.Timers);
    }
}
