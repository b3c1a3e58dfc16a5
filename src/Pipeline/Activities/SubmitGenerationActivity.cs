using GenImageFactory.Domain.Jobs;
using GenImageFactory.Pipeline.Generations;
using GenImageFactory.Pipeline.Jobs;
using GenImageFactory.Pipeline.Models;
using GenImageFactory.Pipeline.Orchestrations;
using GenImageFactory.Pipeline.Ports;
using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;

namespace GenImageFactory.Pipeline.Activities;

/// <param name="Task">What to submit; its prompt and aspect ratio are the written prompt's when <see cref="Prompt"/> is null.</param>
/// <param name="Attempt">0 for the first submission of the generation, then one more per resubmission.</param>
/// <param name="Prompt">The generation's prompt; null for its first submission, which writes it.</param>
public sealed record SubmitGenerationRequest(string Provider, ProviderTaskRequest Task, string JobId = "", int GenerationIndex = 0, int Attempt = 0, PreparedPrompt? Prompt = null)
{
    /// <summary>Lines the generation produced since its last step (a resubmission): written with this step's.</summary>
    public IReadOnlyList<JobLogEntry> Log { get; init; } = [];

    /// <summary>The job's generations, for its progress.</summary>
    public int TotalGenerations { get; init; }

    /// <summary>The pause before each poll of the submitted task.</summary>
    public TimeSpan Interval { get; init; }

    /// <summary>How long the step goes on to poll a task it submitted (none for a task whose provider calls back).</summary>
    public TimeSpan PollFor { get; init; }

    /// <summary>The generation's batch, told once the task has ended and its images are in storage (null: none).</summary>
    public string? Batch { get; init; }

    /// <summary>
    /// The orchestration the provider's call wakes, when it calls back (the one that asked for this step: the batch
    /// for a generation's first, the generation's own after); null for none: the task is polled.
    /// </summary>
    public string? Wake { get; init; }

    /// <summary>The step this request asks for, echoed in its answer (<see cref="SubmittedGeneration.Answers"/>).</summary>
    public string StepKey() => $"{JobId}:g{GenerationIndex:D4}:a{Attempt}";
}

/// <summary>The provider's answer, the prompt submitted, and the log lines that could not be written yet (the generation keeps them).</summary>
public sealed record SubmittedGeneration(ProviderTaskStatus Status, IReadOnlyList<JobLogEntry> Unwritten)
{
    /// <summary>The provider will call back when the task ends (a webhook): the generation waits for that, polling less.</summary>
    public bool Woken { get; init; }

    /// <summary>The prompt the task was submitted with (written by this step for a first submission).</summary>
    public PreparedPrompt? Prompt { get; init; }

    /// <summary>Where the task stood when the step's polling ended; null when the step did not poll.</summary>
    public PolledGeneration? Polled { get; init; }

    /// <summary>The step this answers (<see cref="SubmitGenerationRequest.StepKey"/>): the orchestration takes only its own (<see cref="Orchestrations.OwnAnswers"/>).</summary>
    public string? Answers { get; init; }
}

/// <summary>
/// Submits one provider task, writing the generation's prompt first for its first submission (one step, and its
/// queue messages and episode, fewer per generation); a failure comes back as a value. The task id and its prompt
/// are recorded before the step ends, and a step that runs again for the same attempt gets that task back to poll,
/// under the prompt it was paid for, instead of writing another and submitting (and paying) twice. Two runs of the
/// step at once (an orchestration episode run again after a crash sends its steps again) claim the attempt before
/// sending (<see cref="ISubmittedTaskStore.ClaimAsync"/>): one sends, the other waits for its answer. The
/// submission reaches the job's log at once. A synchronous provider's images are stored in the same step, and a
/// pending task is polled in it for <see cref="SubmitGenerationRequest.PollFor"/> (<see cref="ProviderTaskPolling"/>):
/// a task that ends within that while costs the generation one step, not two, with their queue messages and an
/// orchestration episode.
/// </summary>
public sealed class SubmitGenerationActivity(
    IImageProviders providers, GenerationPrompts prompts, IProviderWebhooks webhooks, ISubmittedTaskStore submitted, JobLogWriter log, ProviderTaskPolling polling,
    IJobStore jobs, TimeProvider time, ILogger<SubmitGenerationActivity> logger)
    : TaskActivity<SubmitGenerationRequest, SubmittedGeneration>
{
    public override async Task<SubmittedGeneration> RunAsync(TaskActivityContext context, SubmitGenerationRequest input) =>
        await RunStepAsync(input) with { Answers = input.StepKey() };

    private async Task<SubmittedGeneration> RunStepAsync(SubmitGenerationRequest input)
    {
        var (submission, submittedAt) = await SubmitAsync(input);
        if (submission is not { Prompt: { } prompt })
        {
            return submission;
        }
        var target = new GenerationTarget(input.JobId, input.GenerationIndex, prompt.Prompt, prompt.AspectRatio, input.Provider, input.TotalGenerations);
        return submission switch
        {
            // A synchronous provider's answer: its images are stored in this step, and once their originals are, the
            // ledger points to them (a step that runs again stores those instead of paying again).
            { Status: { State: ProviderTaskState.Completed } completed } => submission with
            {
                Polled = await polling.StoreAsync(target, completed, input.Attempt, input.Batch, originalsStored: originals => RecordAsync(input, completed with { ImageUrls = originals }, prompt)),
            },
            { Woken: false, Status: { State: ProviderTaskState.Pending, TaskId: { } taskId } } when input.PollFor > TimeSpan.Zero => submission with
            {
                // The task's time runs from its submission, not from the writes that followed it.
                Polled = await polling.PollAsync(new PollGenerationRequest(taskId, target, input.Attempt) { Interval = input.Interval, PollFor = input.PollFor, Batch = input.Batch },
                    sinceSubmission: time.GetElapsedTime(submittedAt)),
            },
            _ => submission,
        };
    }

    /// <returns>The step's answer, and when the provider answered the submission (<see cref="TimeProvider.GetTimestamp"/>).</returns>
    private async Task<(SubmittedGeneration Submission, long SubmittedAt)> SubmitAsync(SubmitGenerationRequest input)
    {
        if (await SubmittedBeforeAsync(input) is { } before)
        {
            return before;
        }
        if (!JobStatus.IsActive(await jobs.GetStatusAsync(input.JobId, CancellationToken.None)))
        {
            // Cancelled (a terminated orchestration's last episode can still send this step) or deleted: nothing is paid for.
            var ended = ProviderTaskStatus.Failed(null, RunGenerationOrchestrator.JobEndedReason);
            return (new SubmittedGeneration(ended, input.Log)
            {
                Prompt = input.Prompt ?? new PreparedPrompt("", "", input.Task.AspectRatio),
                Polled = new PolledGeneration(ended, null) { JobEnded = true },
            }, time.GetTimestamp());
        }
        var prompt = input.Prompt ?? await prompts.WriteAsync(input.JobId, input.GenerationIndex);
        var notes = prompt.Note is null || input.Prompt is not null ? [] : new[] { GenerationLines.PromptNote(input.GenerationIndex, prompt.Note) };
        if (prompt.Fatal is not null)
        {
            // Nothing is submitted: the generation stops the job with this.
            return (await LoggedAsync(input, prompt, ProviderTaskStatus.Refused(null, prompt.Fatal), notes), time.GetTimestamp());
        }
        var claim = await ClaimAsync(input);
        if (claim.State == SubmissionClaimState.Answered && await SubmittedBeforeAsync(input) is { } answered)
        {
            // Another run of this step sent it meanwhile (its prompt is the one paid for; this one's is dropped).
            return answered;
        }
        try
        {
            var (status, submittedAt) = await SendHoldingClaimAsync(input, prompt, claim);
            if (!Accepted(status))
            {
                await submitted.ReleaseClaimAsync(input.JobId, input.GenerationIndex, input.Attempt, claim.Holder, CancellationToken.None);
            }
            return (await LoggedAsync(input, prompt, status, notes), submittedAt);
        }
        catch (Exception failure)
        {
            try
            {
                await submitted.ReleaseClaimAsync(input.JobId, input.GenerationIndex, input.Attempt, claim.Holder, CancellationToken.None);
            }
            catch (Exception ex)
            {
                // A claim left behind holds a run again of this step back only until it lapses.
                throw new AggregateException(failure, ex);
            }
            throw;
        }
    }

    /// <summary>The attempt's task or images, when a run of this step before (or beside) this one had them recorded: polled or stored, never paid for again.</summary>
    private async Task<(SubmittedGeneration Submission, long SubmittedAt)?> SubmittedBeforeAsync(SubmitGenerationRequest input)
    {
        if (await submitted.FindAsync(input.JobId, input.GenerationIndex, input.Attempt, CancellationToken.None) is not { } earlier)
        {
            return null;
        }
        logger.SubmittedBefore(input.GenerationIndex, input.JobId, earlier.Answer.TaskId);
        return (await LoggedAsync(input, earlier.Prompt, earlier.Answer, []), time.GetTimestamp());
    }

    /// <summary>
    /// How long an attempt's claim holds unless renewed (every <see cref="ClaimRenewal"/> while its run waits for the
    /// provider's answer). A run that died in that wait holds the attempt back this long; the provider may have
    /// accepted its task, so the one sent then may be a second.
    /// </summary>
    public static readonly TimeSpan SubmissionClaimLease = TimeSpan.FromSeconds(20);

    private static readonly TimeSpan ClaimRenewal = TimeSpan.FromSeconds(5);

    /// <summary>Sends the task, renewing the attempt's claim meanwhile: a provider can take minutes to answer (Runware holds the request through the inference).</summary>
    private async Task<(ProviderTaskStatus Status, long SubmittedAt)> SendHoldingClaimAsync(SubmitGenerationRequest input, PreparedPrompt prompt, SubmissionClaim claim)
    {
        using var sent = new CancellationTokenSource();
        var renewing = RenewClaimAsync(input, claim, sent.Token);
        try
        {
            return await SendAsync(input, prompt);
        }
        finally
        {
            await sent.CancelAsync();
            await renewing;
        }
    }

    private async Task RenewClaimAsync(SubmitGenerationRequest input, SubmissionClaim claim, CancellationToken sent)
    {
        while (!sent.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(ClaimRenewal, time, sent);
                await submitted.RenewClaimAsync(input.JobId, input.GenerationIndex, input.Attempt, claim.Holder, SubmissionClaimLease, sent);
            }
            catch (OperationCanceledException) when (sent.IsCancellationRequested)
            {
                // Sent: the answer's record replaces the claim.
            }
            catch (Exception ex)
            {
                // Tried again at the next renewal; until the claim lapses no other run sends the attempt.
                logger.SubmissionClaimNotRenewed(ex, input.GenerationIndex, input.JobId);
            }
        }
    }

    /// <summary>How often a run waiting on another's claim looks for its answer.</summary>
    private static readonly TimeSpan ClaimCheckInterval = TimeSpan.FromMilliseconds(500);

    /// <summary>Claims the attempt, waiting while another run of the step (sent again by an episode run again) holds it.</summary>
    private async Task<SubmissionClaim> ClaimAsync(SubmitGenerationRequest input)
    {
        while (true)
        {
            var claim = await submitted.ClaimAsync(input.JobId, input.GenerationIndex, input.Attempt, SubmissionClaimLease, CancellationToken.None);
            if (claim.State != SubmissionClaimState.Held)
            {
                return claim;
            }
            var left = claim.HeldUntil - time.GetUtcNow();
            await Task.Delay(left < ClaimCheckInterval ? (left > TimeSpan.Zero ? left : TimeSpan.Zero) : ClaimCheckInterval, time);
        }
    }

    /// <summary>A task the provider took (to poll) or images it answered with (to store): what the ledger records and a run again takes up.</summary>
    private static bool Accepted(ProviderTaskStatus status) =>
        status is { State: ProviderTaskState.Pending, TaskId: not null } or { State: ProviderTaskState.Completed, ImageUrls.Count: > 0 };

    /// <summary>Sends the task; the provider's acceptance is recorded before anything else.</summary>
    /// <returns>The provider's answer, and when it came (<see cref="TimeProvider.GetTimestamp"/>).</returns>
    private async Task<(ProviderTaskStatus Status, long SubmittedAt)> SendAsync(SubmitGenerationRequest input, PreparedPrompt prompt)
    {
        var task = input.Task with { Prompt = prompt.ProviderPrompt, AspectRatio = prompt.AspectRatio };
        if (CalledBack(input))
        {
            task = task with { WakeInstance = input.Wake };
        }
        var status = await ProviderCalls.ReportingFailuresAsync(providers, input.Provider, null, logger,
            provider => provider.SubmitAsync(task, CancellationToken.None));
        var submittedAt = time.GetTimestamp();
        if (Accepted(status))
        {
            // Recorded before anything else can fail: the paid-for task is polled, or the images a synchronous provider
            // answered with are downloaded, whatever happens to this step (a crash while they are stored, which under load
            // takes many seconds, used to pay for them again).
            await RecordAsync(input, status.State == ProviderTaskState.Pending ? ProviderTaskStatus.Pending(status.TaskId!) : status, prompt);
        }
        return (status, submittedAt);
    }

    private Task RecordAsync(SubmitGenerationRequest input, ProviderTaskStatus answer, PreparedPrompt prompt) =>
        submitted.RecordAsync(input.JobId, input.GenerationIndex, input.Attempt, input.Provider,
            new SubmittedTask(answer with { ProviderStatus = null, GridSide = 0 }, prompt with { Note = null }), CancellationToken.None);

    private bool CalledBack(SubmitGenerationRequest input) => input.Wake is not null && webhooks.IsEnabled(input.Provider);

    private async Task<SubmittedGeneration> LoggedAsync(SubmitGenerationRequest input, PreparedPrompt prompt, ProviderTaskStatus status, IReadOnlyList<JobLogEntry> notes)
    {
        IReadOnlyList<JobLogEntry> lines = status.TaskId is { } taskId
            ? [.. input.Log, .. notes, GenerationLines.Submitted(input.GenerationIndex, input.Attempt, input.Provider, taskId)]
            : [.. input.Log, .. notes];
        var step = status.TaskId is null ? null : new GenerationStep(input.GenerationIndex, GenerationStep.Submitted);
        return new SubmittedGeneration(status, await log.TryWriteAsync(input.JobId, lines, step, input.TotalGenerations))
        {
            Woken = CalledBack(input),
            Prompt = prompt,
        };
    }
}
