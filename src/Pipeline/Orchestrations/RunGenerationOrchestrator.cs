using GenImageFactory.Domain.Jobs;
using GenImageFactory.Pipeline.Activities;
using GenImageFactory.Pipeline.Generations;
using GenImageFactory.Pipeline.Models;
using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;

namespace GenImageFactory.Pipeline.Orchestrations;

/// <param name="TotalGenerations">The job's generations, for its progress.</param>
public sealed record GenerationInput(string JobId, int GenerationIndex, GenerationSettings Settings, int TotalGenerations = 0)
{
    /// <summary>Deterministic, so a replayed job orchestration addresses the same sub-orchestration.</summary>
    public static string InstanceIdFor(string jobId, int generationIndex) => $"{jobId}:g{generationIndex:D4}";

    /// <summary>True for an id <see cref="InstanceIdFor"/> makes: a job id, <c>:g</c> and four digits.</summary>
    public static bool IsInstanceId(string? id) => Jobs.JobInstanceIds.IsInstanceOf(id, 'g');

    /// <summary>The first submission's step, when the batch took it itself (<see cref="GenerationStart"/>): the generation goes on from its answer.</summary>
    public FirstSubmission? First { get; init; }

    /// <summary>The batch that runs it, told when its task has ended so its provider slot can go to the next one; null for none.</summary>
    public string? Batch { get; init; }

    /// <summary>Where its images go, under <paramref name="prompt"/>.</summary>
    public GenerationTarget TargetOf(PreparedPrompt prompt) => new(JobId, GenerationIndex, prompt.Prompt, prompt.AspectRatio, Settings.Provider, TotalGenerations);
}

/// <param name="At">When the step was asked for: the task's timeout counts from then.</param>
public sealed record FirstSubmission(SubmittedGeneration Step, DateTime At);

/// <summary>
/// One generation: write its prompt, submit a provider task and poll it for a while (one step), poll it on in steps
/// that wait between polls (or, with webhooks, on a durable timer raced by the provider's call) until it ends or
/// times out, store its images; resubmit a failed task up to <c>generationRetryAttempts</c> times. Its steps
/// write their log lines as they happen; what is left for the job's batch to write comes back in the outcome.
/// </summary>
public sealed class RunGenerationOrchestrator : TaskOrchestrator<GenerationInput, GenerationOutcome>
{
    /// <summary>Poll errors tolerated per task before it counts as failed: 3 in a row, or 10 in all.</summary>
    public const int MaxConsecutivePollErrors = 3;
    public const int MaxTotalPollErrors = 10;

    /// <summary>Why a generation whose job was cancelled or closed while its task ran produced nothing.</summary>
    public const string JobEndedReason = "The job ended before the task did.";

    /// <summary>Raised by a provider's webhook: the task changed, poll now.</summary>
    public const string ProviderTaskChangedEvent = "ProviderTaskChanged";

    /// <summary>With a webhook to wake it, a generation still polls, this many times less often, as a safety net.</summary>
    public const int SafetyNetSlowdown = 4;

    /// <summary>The safety net's interval at least: a webhook that is lost costs this much at most.</summary>
    public static readonly TimeSpan MinSafetyNetInterval = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The longest a poll step keeps polling a pending task before the generation takes over again: long enough that
    /// most tasks end within one step, short enough that a lost process's step is soon run again elsewhere.
    /// </summary>
    public static readonly TimeSpan MaxPollingInOneStep = TimeSpan.FromSeconds(60);

    /// <summary>How long one step polls a task with <paramref name="left"/> until its timeout.</summary>
    private static TimeSpan PollingInOneStep(TimeSpan left) => left < MaxPollingInOneStep ? left : MaxPollingInOneStep;

    public static TimeSpan PollInterval(int pollingIntervalSeconds, bool woken)
    {
        var interval = TimeSpan.FromSeconds(pollingIntervalSeconds);
        return woken ? TimeSpan.FromTicks(Math.Max(interval.Ticks * SafetyNetSlowdown, MinSafetyNetInterval.Ticks)) : interval;
    }

    public override async Task<GenerationOutcome> RunAsync(TaskOrchestrationContext context, GenerationInput input)
    {
        var logger = context.CreateReplaySafeLogger<RunGenerationOrchestrator>();
        var settings = input.Settings;
        var log = new GenerationLog(context, input.GenerationIndex);
        // Written by the first submission, with its task; later submissions send the same prompt.
        PreparedPrompt? prompt = null;

        string? reason = null;
        var spend = new GenerationSpend();
        for (var attempt = 0; attempt <= settings.RetryAttempts; attempt++)
        {
            if (attempt > 0)
            {
                logger.GenerationResubmitted(input.GenerationIndex, input.JobId, attempt + 1, reason);
                await DurableDelay.UntilAsync(context, context.CurrentUtcDateTime.AddMilliseconds(settings.RetryBackoffMs));
                log.Info($"resubmitting (attempt {attempt + 1} of {settings.RetryAttempts + 1}).");
            }

            var (status, stored, submittedPrompt, jobEnded) = await RunProviderTaskAsync(context, input, prompt, attempt, log);
            prompt ??= submittedPrompt;
            if (jobEnded)
            {
                // Cancelled or closed while its task ran: nothing more is asked of the provider.
                return JobEnded(input.GenerationIndex, prompt.Prompt, spend, log.Take());
            }
            if (prompt.Fatal is not null)
            {
                log.Error($"prompt writing stopped the job: {prompt.Fatal}");
                return new GenerationOutcome(input.GenerationIndex, prompt.Prompt, [], prompt.Fatal) { Fatal = prompt.Fatal, Log = log.Take() };
            }
            spend = spend.Add(status);
            if (stored is { Error: null })
            {
                return Produced(input.GenerationIndex, prompt.Prompt, stored, spend, log.Take());
            }
            reason = stored?.Error ?? status.Error;
            if (status.Fatal)
            {
                // Every other generation would meet the same refusal: stop the job instead of retrying.
                log.Error($"the provider refused the account, stopping the job: {reason}");
                return new GenerationOutcome(input.GenerationIndex, prompt.Prompt, [], reason) { Fatal = reason, Spend = spend.Usd, Credits = spend.Credits, Log = log.Take() };
            }
            log.Warning($"{reason ?? "the task failed."}{GenerationLines.CostNote(status)}");
        }

        reason ??= "The generation failed.";
        logger.GenerationFailed(input.GenerationIndex, input.JobId, reason);
        log.Error($"produced no image: {reason}");
        return new GenerationOutcome(input.GenerationIndex, prompt?.Prompt ?? "", [], reason) { Spend = spend.Usd, Credits = spend.Credits, Log = log.Take() };
    }

    /// <summary>
    /// The outcome of a first submission's step that ended the generation (its task completed within the step and its
    /// images are stored, no prompt trouble; or its job ended meanwhile); null when the generation has more to do.
    /// </summary>
    public static GenerationOutcome? EndedBy(GenerationInput input, SubmittedGeneration submitted) => submitted switch
    {
        { Prompt: { Fatal: null } prompt, Polled: { Status.State: ProviderTaskState.Completed, Stored: { Error: null } stored } polled } =>
            Produced(input.GenerationIndex, prompt.Prompt, stored, new GenerationSpend().Add(polled.Status), [.. submitted.Unwritten, .. polled.Unwritten]),
        // The job was cancelled or closed while the step polled: no orchestration is started to poll on.
        { Polled.JobEnded: true } => JobEnded(input.GenerationIndex, submitted.Prompt?.Prompt ?? "", new GenerationSpend(), [.. submitted.Unwritten, .. submitted.Polled.Unwritten]),
        _ => null,
    };

    /// <summary>A generation whose job was cancelled or closed while its task ran: no image, what it spent so far.</summary>
    private static GenerationOutcome JobEnded(int generationIndex, string prompt, GenerationSpend spend, IReadOnlyList<JobLogEntry> log) =>
        new(generationIndex, prompt, [], JobEndedReason) { Spend = spend.Usd, Credits = spend.Credits, Log = log };

    private static GenerationOutcome Produced(int generationIndex, string prompt, StoredImages stored, GenerationSpend spend, IReadOnlyList<JobLogEntry> log)
    {
        var reviews = stored.Reviews ?? [];
        return new GenerationOutcome(generationIndex, prompt, stored.ImageIds, null)
        {
            ApprovedImages = reviews.Count(r => r.QcStatus == ImageQcStatus.Approved),
            FailedImages = reviews.Count(r => r.QcStatus == ImageQcStatus.QcFailed),
            Fatal = stored.Fatal,
            Spend = spend.Usd,
            Credits = spend.Credits,
            Log = log,
        };
    }

    /// <summary>
    /// The submitting step of one attempt: it writes the prompt when there is none yet, submits, and polls a pending
    /// task for as long as a poll step would (or stores a synchronous provider's images). Like every generation step it
    /// is tried again when it throws (storage answering errors for longer than the SDK's retries): a step that runs
    /// again finds its task in the submitted-task ledger and its images' writes are idempotent.
    /// </summary>
    public static Task<SubmittedGeneration> SubmitAsync(TaskOrchestrationContext context, GenerationInput input, PreparedPrompt? prompt, int attempt, IReadOnlyList<JobLogEntry> log)
    {
        var settings = input.Settings;
        var request = new SubmitGenerationRequest(settings.Provider, new ProviderTaskRequest("", "", settings.ProcessMode, settings.Model), input.JobId, input.GenerationIndex, attempt, prompt)
        {
            Log = log,
            Batch = input.Batch,
            Wake = context.InstanceId,
            TotalGenerations = input.TotalGenerations,
            Interval = PollInterval(settings.PollingIntervalSeconds, woken: false),
            PollFor = PollingInOneStep(TimeSpan.FromMinutes(settings.PollingTimeoutMinutes)),
        };
        return OwnAnswers.CallAsync<SubmittedGeneration>(context, nameof(SubmitGenerationActivity), request, StorageRetry.Options, a => a.Answers == request.StepKey());
    }

    /// <summary>Runs a poll step of <paramref name="request"/>'s task.</summary>
    public static Task<PolledGeneration> PollTaskAsync(TaskOrchestrationContext context, PollGenerationRequest request) =>
        OwnAnswers.CallAsync<PolledGeneration>(context, nameof(PollGenerationActivity), request, StorageRetry.Options, a => a.Answers == request.TaskId);

    /// <summary>Waits for the next poll of a task whose provider calls back: that call, or the safety net's time if it comes first.</summary>
    private static async Task UntilPollAsync(TaskOrchestrationContext context, DateTime due)
    {
        using var cancellation = new CancellationTokenSource();
        var timer = DurableDelay.UntilAsync(context, due, cancellation.Token);
        var call = context.WaitForExternalEvent<string>(ProviderTaskChangedEvent, cancellation.Token);
        await Task.WhenAny(timer, call);
        // The loser is dropped: a call that comes later stays buffered and wakes the next wait at once (one extra poll).
        cancellation.Cancel();
    }

    /// <summary>
    /// Submits one task (writing the prompt first when there is none yet) and polls it until it completes (its
    /// images then stored), fails, times out or errs too often. The submitting step polls first, for as long as a
    /// poll step would; stored images come back only for a completed task.
    /// </summary>
    private static async Task<(ProviderTaskStatus Status, StoredImages? Stored, PreparedPrompt Prompt, bool JobEnded)> RunProviderTaskAsync(
        TaskOrchestrationContext context, GenerationInput input, PreparedPrompt? prompt, int attempt, GenerationLog log)
    {
        var settings = input.Settings;
        var first = attempt == 0 ? input.First : null;
        var deadline = (first?.At ?? context.CurrentUtcDateTime) + TimeSpan.FromMinutes(settings.PollingTimeoutMinutes);
        var submitted = first?.Step ?? await SubmitAsync(context, input, prompt, attempt, log.Take());
        log.Keep(submitted.Unwritten);
        var written = submitted.Prompt ?? prompt!;
        var target = input.TargetOf(written);
        var (status, stored, jobEnded) = await FollowTaskAsync(context, input, submitted, target, attempt, deadline, log);
        return (status, stored, written, jobEnded);
    }

    /// <summary>Where a submitted task ends: completed (its images stored), failed, timed out or erring too often.</summary>
    private static async Task<(ProviderTaskStatus Status, StoredImages? Stored, bool JobEnded)> FollowTaskAsync(
        TaskOrchestrationContext context, GenerationInput input, SubmittedGeneration submitted, GenerationTarget target, int attempt, DateTime deadline, GenerationLog log)
    {
        var settings = input.Settings;
        var status = submitted.Status;
        switch (status.State)
        {
            case ProviderTaskState.Error:
                return (ProviderTaskStatus.Failed(status.TaskId, $"Submitting the task failed: {status.Error}"), null, false);
            case ProviderTaskState.Failed:
                return (status, null, false);
            case ProviderTaskState.Completed:
                // A synchronous provider: the submitting step stored the images.
                log.Keep(submitted.Polled?.Unwritten ?? []);
                return (status, submitted.Polled?.Stored, false);
        }

        var taskId = status.TaskId!;
        var interval = PollInterval(settings.PollingIntervalSeconds, submitted.Woken);
        var consecutiveErrors = 0;
        var totalErrors = 0;
        string? providerStatus = null;
        // The submitting step's own polling is the first poll's answer, when it polled.
        var polled = submitted.Polled;
        while (true)
        {
            polled ??= await PollAsync();
            if (polled is null)
            {
                return (ProviderTaskStatus.Failed(taskId, $"The task did not finish within {settings.PollingTimeoutMinutes} minute(s)."), null, false);
            }
            log.Keep(polled.Unwritten);
            if (polled.JobEnded)
            {
                return (polled.Status, null, true);
            }
            providerStatus = polled.Status.ProviderStatus ?? providerStatus;
            var (answer, stored) = (polled.Status, polled.Stored);
            polled = null;
            switch (answer.State)
            {
                case ProviderTaskState.Completed:
                    return (answer, stored, false);
                case ProviderTaskState.Failed:
                    return (answer, null, false);
                case ProviderTaskState.Pending:
                    consecutiveErrors = 0;
                    continue;
            }

            consecutiveErrors++;
            totalErrors++;
            if (consecutiveErrors >= MaxConsecutivePollErrors || totalErrors >= MaxTotalPollErrors)
            {
                return (ProviderTaskStatus.Failed(taskId, $"Polling the task failed {totalErrors} time(s) ({consecutiveErrors} in a row); last error: {answer.Error}"), null, false);
            }
        }

        // The next poll: null once the task's time is up. A task whose provider calls back is polled once when called
        // (or by the safety net); otherwise the poll step itself waits between polls, for a while, and comes back when
        // the task ends or that while is over.
        async Task<PolledGeneration?> PollAsync()
        {
            if (context.CurrentUtcDateTime >= deadline)
            {
                return null;
            }
            var left = deadline - context.CurrentUtcDateTime;
            var pollFor = TimeSpan.Zero;
            if (submitted.Woken)
            {
                var nextPoll = context.CurrentUtcDateTime + interval;
                await UntilPollAsync(context, nextPoll < deadline ? nextPoll : deadline);
            }
            else
            {
                pollFor = PollingInOneStep(left);
            }
            return await PollTaskAsync(context, new PollGenerationRequest(taskId, target, attempt, providerStatus) { Interval = interval, PollFor = pollFor, Batch = input.Batch });
        }
    }
}
