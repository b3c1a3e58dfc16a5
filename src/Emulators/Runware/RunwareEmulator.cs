using System.Collections.Concurrent;
using System.Text.Json.Nodes;

namespace GenImageFactory.Emulators.Runware;

/// <summary>Behaviour of the Runware emulator (configuration <c>Emulators</c> for the image size, <c>Emulators:Runware</c> for the rest).</summary>
public sealed class RunwareEmulatorOptions
{
    public string ApiKey { get; set; } = "emulator-key";

    /// <summary>How long an inference takes before the answer, or before an asynchronous task's images are done (configuration <c>Emulators:LatencyMs</c>).</summary>
    public int LatencyMs { get; set; }

    /// <summary>Long side of the images served (small in tests).</summary>
    public int ImageLongSide { get; set; } = 512;

    /// <summary>What one image costs (USD), reported as <c>cost</c> when a task asks <c>includeCost</c>.</summary>
    public decimal CostPerImage { get; set; } = 0.0013m;

    /// <summary>Prompts containing this are refused, as Runware refuses what its filters reject.</summary>
    public const string FailMarker = "emulator:fail";
}

/// <summary>An asynchronous task (a webhook or <c>deliveryMethod: async</c>): its results, shown once it has ended.</summary>
internal sealed record RunwareAsyncTask(long EndsAtUnixMs, JsonArray Results);

/// <summary>Counts calls so tests can prove what was (not) called, and holds the asynchronous tasks <c>getResponse</c> asks about.</summary>
public sealed class RunwareEmulator(RunwareEmulatorOptions options, TimeProvider time)
{
    private long _tasks;
    private readonly ConcurrentDictionary<string, long> _pollsPerTask = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, RunwareAsyncTask> _asyncTasks = new(StringComparer.Ordinal);

    public RunwareEmulatorOptions Options { get; } = options;

    public long Tasks => Interlocked.Read(ref _tasks);

    /// <summary><c>getResponse</c> calls by task.</summary>
    public IReadOnlyDictionary<string, long> PollsPerTask => new Dictionary<string, long>(_pollsPerTask, StringComparer.Ordinal);

    internal long NowUnixMs => time.GetUtcNow().ToUnixTimeMilliseconds();

    internal void CountTask() => Interlocked.Increment(ref _tasks);

    internal void Hold(string taskId, RunwareAsyncTask task) => _asyncTasks[taskId] = task;

    internal RunwareAsyncTask? Poll(string taskId)
    {
        _pollsPerTask.AddOrUpdate(taskId, 1, (_, n) => n + 1);
        return _asyncTasks.GetValueOrDefault(taskId);
    }
}
