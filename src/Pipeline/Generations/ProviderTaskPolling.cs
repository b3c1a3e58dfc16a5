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
/// provider's status reaches the job's log at once.
/// </summary>
public sealed class ProviderTaskPolling(
    IImageProviders providers, GenerationImageStore store, JobLogWriter log, IJobStore jobs, JobStopSignals stops, WorkerShutdown shutdown, TimeProvider time,
    ILogger<ProviderTaskPolling> logger)
{
    /// <summary>How often a waiting step reads its job's status: a job cancelled in another process stops it this late at most.</summary>
    public static readonly TimeSpan JobCheckInterval = TimeSpan.FromSeconds(5);

    /// <summary>Stores a completed task's images at once (provider URLs are temporary), after log lines still unwritten.</summary>
    public async Task<PolledGeneration> StoreAsync(
        GenerationTarget target, ProviderTaskStatus completed, IReadOnlyList<JobLogEntry>? unwritten = null, Func<IReadOnlyList<string>, Task>? originalsStored = null)
    {
        var stored = await store.StoreAsync(target, completed, originalsStored);
        return new PolledGeneration(completed, stored) { Unwritten = [.. unwritten ?? [], .. stored.Unwritten] };
    }

    /// <param name="checkJobFirst">
    /// Read the job's status before the first poll: a step of a generation orchestration, which may have started just as
    /// its job was cancelled elsewhere (the submitting step's polling follows its own submission, so it needs none).
    /// </param>
    public async Task<PolledGeneration> PollAsync(PollGenerationRequest input, bool checkJobFirst = false)
    {
        using var stopped = CancellationTokenSource.CreateLinkedTokenSource(shutdown.Stopping);
        using var watch = stops.Watch(input.Target.JobId, stopped);
        var sinceCheck = checkJobFirst ? JobCheckInterval : TimeSpan.Zero;
        var waited = TimeSpan.Zero;
        var lastWord = input.LastProviderStatus;
        var unwritten = new List<JobLogEntry>();
        while (true)
        {
            var pause = input.Interval < input.PollFor - waited ? input.Interval : input.PollFor - waited;
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
                    if (await jobs.GetStatusAsync(input.Target.JobId, CancellationToken.None) is not (JobStatus.Running or JobStatus.Pending))
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
                return await StoreAsync(input.Target, status, [.. unwritten]);
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
