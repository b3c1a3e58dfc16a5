using GenImageFactory.Domain.Jobs;
using GenImageFactory.Pipeline.Models;
using GenImageFactory.Pipeline.Ports;
using Microsoft.Extensions.Logging;

namespace GenImageFactory.Pipeline.Jobs;

/// <summary>
/// The live log of the jobs this process works on. Steps hand it their lines as they happen. A write starts at
/// once when none is under way; lines that arrive meanwhile wait for it to end and then go together, one
/// transaction per job (group commit: twenty generations polling at once cost a write or two, not twenty, and a
/// lone line waits for nothing). It raises the generations' steps with the lines and moves the job's progress.
/// A caller's task completes once its lines are stored, so a step that returns has its lines durable.
/// The job's record is written only when its progress rises a whole percent, and read only when nothing else shows
/// the job still stands (see <see cref="LogWrite.Continued"/>): most writes touch the log alone.
/// </summary>
public sealed class JobLogWriter(IJobLogStore logs, IJobStore jobs, TimeProvider time, ILogger<JobLogWriter> logger)
{
    /// <summary>Jobs whose last progress moved here is kept in mind: more than the process works on at once.</summary>
    private const int MovedProgressKept = 256;

    private readonly Lock _gate = new();
    private readonly Dictionary<string, int> _movedProgress = [];
    private Dictionary<string, Batch> _waiting = [];
    private bool _writing;

    /// <summary>Lines and steps of one job gathered for the next write, and who waits for it.</summary>
    private sealed class Batch
    {
        public List<JobLogEntry> Lines { get; } = [];
        public List<GenerationStep> Steps { get; } = [];
        public int TotalGenerations { get; set; }
        public TaskCompletionSource Written { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    /// <summary>
    /// Stores <paramref name="lines"/> (stamped now: the time the log learned of them, which keeps <c>after</c>
    /// reads in order) with the next write, raising <paramref name="step"/> when given.
    /// </summary>
    /// <returns>The lines that could not be written (none when all went well): the caller keeps them for a later write.</returns>
    public async Task<IReadOnlyList<JobLogEntry>> TryWriteAsync(string jobId, IReadOnlyList<JobLogEntry> lines, GenerationStep? step = null, int totalGenerations = 0)
    {
        if (lines.Count == 0 && step is null)
        {
            return [];
        }
        var now = time.GetUtcNow().UtcDateTime;
        // A tick apart, so lines handed over together keep their order.
        var stamped = lines.Select((l, i) => l with { Timestamp = now.AddTicks(i) }).ToList();
        Task written;
        lock (_gate)
        {
            if (!_waiting.TryGetValue(jobId, out var batch))
            {
                _waiting[jobId] = batch = new Batch();
            }
            batch.Lines.AddRange(stamped);
            if (step is not null)
            {
                batch.Steps.Add(step);
            }
            batch.TotalGenerations = Math.Max(batch.TotalGenerations, totalGenerations);
            written = batch.Written.Task;
            if (!_writing)
            {
                _writing = true;
                _ = Task.Run(WriteWhileWaitingAsync);
            }
        }
        try
        {
            await written;
            return [];
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            logger.LogLinesNotWritten(ex, lines.Count, jobId);
            return stamped;
        }
    }

    private async Task WriteWhileWaitingAsync()
    {
        while (true)
        {
            Dictionary<string, Batch> batches;
            lock (_gate)
            {
                if (_waiting.Count == 0)
                {
                    _writing = false;
                    return;
                }
                batches = _waiting;
                _waiting = [];
            }
            try
            {
                await Task.WhenAll(batches.Select(b => WriteAsync(b.Key, b.Value)));
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                // Each batch settles its own waiters; nothing may stop this loop, or later lines would wait forever.
                logger.LogWriterFailed(ex);
            }
        }
    }

    private async Task WriteAsync(string jobId, Batch batch)
    {
        LogWrite write;
        try
        {
            write = await logs.WriteAsync(jobId, batch.Lines, batch.Steps, CancellationToken.None);
            batch.Written.SetResult();
        }
        catch (Exception ex)
        {
            batch.Written.SetException(ex);
            return;
        }
        var progress = batch.TotalGenerations > 0 ? JobProgress.WhileGenerating(write.Units, batch.TotalGenerations * GenerationStep.UnitsPerGeneration) : 0;
        var moved = batch.Steps.Count > 0 && Rose(jobId, progress) && await MoveProgressAsync(jobId, progress);
        if (!moved && !write.Continued)
        {
            await RemoveIfDeletedAsync(jobId);
        }
    }

    /// <summary>Whether <paramref name="progress"/> is above what this process last moved the job to (and is then kept).</summary>
    private bool Rose(string jobId, int progress)
    {
        lock (_gate)
        {
            if (_movedProgress.GetValueOrDefault(jobId, -1) >= progress)
            {
                return false;
            }
            if (_movedProgress.Count >= MovedProgressKept)
            {
                // Forgetting only costs a move that was not needed.
                _movedProgress.Clear();
            }
            _movedProgress[jobId] = progress;
            return true;
        }
    }

    /// <summary>A job deleted while its lines were on their way must not get a log back: take it away again.</summary>
    private async Task RemoveIfDeletedAsync(string jobId)
    {
        try
        {
            if (await jobs.GetStatusAsync(jobId, CancellationToken.None) is null)
            {
                await logs.DeleteJobAsync(jobId, CancellationToken.None);
            }
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            logger.DeletionCheckFailed(ex, jobId);
        }
    }

    /// <summary>Progress from the generations' steps; the store keeps the higher of this and what the record shows.</summary>
    /// <returns>Whether the job is still active (its record took the progress).</returns>
    private async Task<bool> MoveProgressAsync(string jobId, int progress)
    {
        try
        {
            return await jobs.UpdateAsync(jobId, new JobUpdate
            {
                WhileActive = true,
                Phase = JobPhase.Generating,
                Progress = progress,
            }, CancellationToken.None);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // Best effort: the next step, or the job's end, moves it again.
            logger.ProgressNotMoved(ex, jobId);
            lock (_gate)
            {
                _movedProgress.Remove(jobId);
            }
            return false;
        }
    }
}
