using GenImageFactory.Domain.Jobs;
using GenImageFactory.Pipeline.Activities;
using GenImageFactory.Pipeline.Jobs;
using GenImageFactory.Pipeline.Models;
using GenImageFactory.Pipeline.Ports;
using Microsoft.Extensions.Logging;

namespace GenImageFactory.Pipeline.Generations;

/// <summary>
/// Polls one task, pausing <see cref="PollGenerationRequest.Interval"/> before each poll, until it is no longer
/// pending or <see cref="PollGenerationRequest.PollFor"/> has passed; the moment it has completed, stores its images
/// in the same step (provider URLs are temporary). Waiting here instead of on a durable timer per poll saves the
/// timer's and the step's queue messages and two orchestration episodes a poll; the engine renews the step's
/// message while it runs, and a step lost with its process runs again (the task id is in its input). A step stops
/// waiting when its process stops or its job is cancelled (<see cref="JobStopSignals"/>), and says which. An error to ask
/// is a transient value, not an exception, and ends the step (the generation counts errors). A change of the
/// provider's status reaches the job's log at once. Once a completed task's images are in storage the step tells its
/// batch, so the provider slot goes to the next generation while the images are reviewed (the step's slow part).
/// </summary>
public sealed class ProviderTaskPolling(
    IImageProviders providers, GenerationImageStore store, JobLogWriter log, IJobStore jobs, ISubmittedTaskStore submitted, JobStopSignals stops, WorkerShutdown shutdown,
    IWorkflowClient workflow, TimeProvider time, ILogger<ProviderTaskPolling> logger)
{
    /// <summary>How often a waiting step reads its job's status: a job cancelled in another process stops it this late at most.</summary>
    public static readonly TimeSpan JobCheckInterval = TimeSpan.FromSeconds(5);

    /// <summary>Stores a completed task's images at once (provider URLs are temporary), after log lines still unwritten.</summary>
    /// <param name="attempt">The generation's submission the task answers, whose ledger row notes its cost.</param>
    /// <param name="batch">The generation's batch, told once the originals are stored (nothing after that makes it submit again).</param>
    public async Task<PolledGeneration> StoreAsync(GenerationTarget target, ProviderTaskStatus completed, int attempt, string? batch,
        IReadOnlyList<JobLogEntry>? unwritten = null, Func<IReadOnlyList<string>, Task>? originalsStored = null)
    {
        var stored = await store.StoreAsync(target, completed, async originals =>
        {
            if (originalsStored is not null)
            {
                await originalsStored(originals);
            }
            if (completed.Cost is not null || completed.Credits is not null)
            {
                await submitted.RecordSpentAsync(target.JobId, target.GenerationIndex, attempt, completed.Cost, completed.Credits, CancellationToken.None);
            }
            if (batch is not null)
            {
                await TellBatchAsync(batch, target, completed.Cost ?? 0);
            }
        });
        return new PolledGeneration(completed, stored) { Unwritten = [.. unwritten ?? [], .. stored.Unwritten], JobEnded = stored.JobEnded };
    }

    /// <summary>Best effort: a batch that never hears it frees the slot when the step ends, as it would without.</summary>
    private async Task TellBatchAsync(string batch, GenerationTarget target, decimal cost)
    {
        try
        {
            await workflow.TellBatchTaskEndedAsync(batch, new Orchestrations.ProviderTaskEnd(target.GenerationIndex, cost), CancellationToken.None);
        }
        catch (Exception ex)
        {
            logger.BatchNotTold(ex, target.GenerationIndex, target.JobId);
        }
    }

    /// <param name="checkJobFirst">
    /// Read the job's status before the first poll: a step of a generation orchestration, which may have started just as
    /// its job was cancelled elsewhere (the submitting step's polling follows its own submission, so it needs none).
    /// </param>
    /// <param name="sinceSubmission">Time already past since the task's submission: the first pause is that much shorter.</param>
    public async Task<PolledGeneration> PollAsync(PollGenerationRequest input, bool checkJobFirst = false, TimeSpan sinceSubmission = default)
    {
        using var stopped = CancellationTokenSource.CreateLinkedTokenSource(shutdown.Stopping);
        using var watch = stops.Watch(input.Target.JobId, stopped);
        var sinceCheck = checkJobFirst ? JobCheckInterval : TimeSpan.Zero;
        var waited = TimeSpan.Zero;
        var nextPause = input.Interval - (sinceSubmission < input.Interval ? sinceSubmission : input.Interval);
        var lastWord = input.LastProviderStatus;
        var unwritten = new List<JobLogEntry>();
        while (true)
        {
            var pause = nextPause < input.PollFor - waited ? nextPause : input.PollFor - waited;
            nextPause = input.Interval;
            if (pause > TimeSpan.Zero)
            {
                try
                {
                    await Task.Delay(pause, time, stopped.Token);
                }
                catch (OperationCanceledException) when (stopped.IsCancellationRequested)
                {
                    return GaveWay();
                }
                waited += pause;
                sinceCheck += pause;
                if (sinceCheck >= JobCheckInterval)
                {
                    sinceCheck = TimeSpan.Zero;
                    if (!JobStatus.IsActive(await jobs.GetStatusAsync(input.Target.JobId, CancellationToken.None)))
                    {
                        return StillPending() with { JobEnded = true };
                    }
                }
            }
            if (stopped.IsCancellationRequested)
            {
                return GaveWay();
            }
            var status = await ProviderCalls.ReportingFailuresAsync(providers, input.Target.Provider, input.TaskId, logger,
                provider => provider.PollAsync(input.TaskId, CancellationToken.None));
            if (status.State == ProviderTaskState.Completed)
            {
                return await StoreAsync(input.Target, status, input.Attempt, input.Batch, [.. unwritten]);
            }
            if (status is { ProviderStatus: { Length: > 0 } word } && word != lastWord)
            {
                lastWord = word;
                var line = GenerationLines.ProviderStatus(input.Target.GenerationIndex, input.Attempt, input.TaskId, word);
                unwritten = [.. await log.TryWriteAsync(input.Target.JobId, [.. unwritten, line])];
            }
            if (status.State != ProviderTaskState.Pending || waited >= input.PollFor)
            {
                return new PolledGeneration(status with { ProviderStatus = status.ProviderStatus ?? lastWord }, null) { Unwritten = unwritten };
            }
        }

        PolledGeneration StillPending() => new(ProviderTaskStatus.Pending(input.TaskId, lastWord), null) { Unwritten = unwritten };

        // The process is stopping (the generation polls on in a next step, elsewhere) or the job was stopped here.
        PolledGeneration GaveWay() => StillPending() with { JobEnded = !shutdown.Stopping.IsCancellationRequested };
    }
}
