using System.Collections.Concurrent;
using GenImageFactory.Domain.Keywords;

namespace GenImageFactory.Emulators.PiApi;

/// <summary>
/// The emulator's decisions: which requests get a fault and how each task ends, deterministic for a seed
/// (faults follow the request sequence; fates follow the prompt and how often it was submitted).
/// Counts calls per kind so tests can prove what was (not) called.
/// </summary>
public sealed class PiApiEmulator(PiApiEmulatorOptions options, TimeProvider time)
{
    private readonly ConcurrentDictionary<ulong, int> _submissionsPerPrompt = new();
    private readonly ConcurrentDictionary<string, long> _pollsPerTask = new(StringComparer.Ordinal);
    private long _requestSequence;
    private long _submits;
    private long _polls;
    private long _downloads;

    public PiApiEmulatorOptions Options { get; } = options;

    public long Submits => Interlocked.Read(ref _submits);
    public long Polls => Interlocked.Read(ref _polls);
    public long Downloads => Interlocked.Read(ref _downloads);

    public long NowUnixMs => time.GetUtcNow().ToUnixTimeMilliseconds();

    private long _lastCreatedUnixMs;

    /// <summary>
    /// A creation time no earlier task of this emulator has, so task ids (which begin with it) are unique as PiAPI's
    /// are, even for one prompt submitted twice in one millisecond.
    /// </summary>
    internal long NextCreatedUnixMs()
    {
        while (true)
        {
            var last = Interlocked.Read(ref _lastCreatedUnixMs);
            var next = Math.Max(NowUnixMs, last + 1);
            if (Interlocked.CompareExchange(ref _lastCreatedUnixMs, next, last) == last)
            {
                return next;
            }
        }
    }

    /// <summary>Tasks in flight at the emulated provider, and their peak.</summary>
    public InFlightTasks InFlight { get; } = new();

    public int TasksInFlight => InFlight.CountAt(NowUnixMs);

    public int PeakTasksInFlight => InFlight.Peak;

    public void ResetPeakTasksInFlight() => InFlight.ResetPeak(NowUnixMs);

    internal void CountSubmit() => Interlocked.Increment(ref _submits);
    /// <summary>How many tasks were submitted with this prompt: proof of what one caller paid for, whatever else runs.</summary>
    public int SubmissionsOf(string prompt) => _submissionsPerPrompt.GetValueOrDefault(StableHash.Of(prompt));

    /// <summary>How often each task was polled (by task id): proof that a cancelled job stopped asking.</summary>
    public IReadOnlyDictionary<string, long> PollsPerTask => new Dictionary<string, long>(_pollsPerTask, StringComparer.Ordinal);

    internal void CountPoll(string taskId)
    {
        Interlocked.Increment(ref _polls);
        _pollsPerTask.AddOrUpdate(taskId, 1, (_, n) => n + 1);
    }
    internal void CountDownload() => Interlocked.Increment(ref _downloads);

    /// <summary>The fault this request gets, if any.</summary>
    internal RequestFault NextRequestFault()
    {
        var o = Options;
        return SeededDice.Band(Draw((ulong)Interlocked.Increment(ref _requestSequence)), o.ServerErrorRate, o.RateLimitRate, o.MalformedJsonRate) switch
        {
            0 => RequestFault.ServerError,
            1 => RequestFault.RateLimited,
            2 => RequestFault.MalformedJson,
            _ => RequestFault.None,
        };
    }

    /// <summary>How a new task for this prompt ends.</summary>
    internal TaskFate FateOf(string prompt, ulong promptHash)
    {
        if (prompt.Contains(PiApiEmulatorOptions.NeverFinishMarker, StringComparison.OrdinalIgnoreCase))
        {
            return TaskFate.NeverFinishes;
        }
        if (prompt.Contains(PiApiEmulatorOptions.FailMarker, StringComparison.OrdinalIgnoreCase))
        {
            return TaskFate.Fails;
        }
        var occurrence = _submissionsPerPrompt.AddOrUpdate(promptHash, 1, (_, n) => n + 1);
        return SeededDice.Band(Draw(promptHash ^ ((ulong)occurrence * 0x9E3779B97F4A7C15UL)), Options.FailureRate, Options.NeverFinishRate) switch
        {
            0 => TaskFate.Fails,
            1 => TaskFate.NeverFinishes,
            _ => TaskFate.Completes,
        };
    }

    /// <summary>Whether image <paramref name="index"/> of the task is drawn blank: all of them for the marker, else by the rate.</summary>
    internal bool IsBlank(EmulatedTask task, int index) =>
        task.AllBlank || Draw(task.PromptHash ^ (ulong)(index + 1) * 0xC2B2AE3D27D4EB4FUL) < Options.BlankImageRate;

    /// <summary>What a task costs in PiAPI credits: the model's list price per image, at <see cref="PiApiEmulatorOptions.CreditsPerUsd"/>.</summary>
    internal long CreditsFor(EmulatedTask task) =>
        (long)Math.Round((task.Model.PricePerImage ?? 0) * task.ImageCount * Options.CreditsPerUsd);

    private double Draw(ulong key) => SeededDice.Draw(Options.Seed, key);
}

internal enum RequestFault
{
    None,
    ServerError,
    RateLimited,
    MalformedJson,
}
