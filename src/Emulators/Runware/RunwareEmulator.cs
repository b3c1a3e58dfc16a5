namespace GenImageFactory.Emulators.Runware;

/// <summary>Behaviour of the Runware emulator (configuration <c>Emulators</c> for the image size, <c>Emulators:Runware</c> for the rest).</summary>
public sealed class RunwareEmulatorOptions
{
    public string ApiKey { get; set; } = "emulator-key";

    /// <summary>How long an inference takes before the answer (configuration <c>Emulators:LatencyMs</c>).</summary>
    public int LatencyMs { get; set; }

    /// <summary>Long side of the images served (small in tests).</summary>
    public int ImageLongSide { get; set; } = 512;

    /// <summary>What one image costs (USD), reported as <c>cost</c> when a task asks <c>includeCost</c>.</summary>
    public decimal CostPerImage { get; set; } = 0.0013m;

    /// <summary>Prompts containing this are refused, as Runware refuses what its filters reject.</summary>
    public const string FailMarker = "emulator:fail";
}

/// <summary>Counts calls so tests can prove what was (not) called.</summary>
public sealed class RunwareEmulator(RunwareEmulatorOptions options)
{
    private long _tasks;

    public RunwareEmulatorOptions Options { get; } = options;

    public long Tasks => Interlocked.Read(ref _tasks);

    internal void CountTask() => Interlocked.Increment(ref _tasks);
}
