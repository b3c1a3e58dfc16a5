namespace GenImageFactory.Emulators.RemoveBg;

/// <summary>Behaviour of the remove.bg emulator (configuration <c>Emulators:RemoveBg</c>).</summary>
public sealed class RemoveBgEmulatorOptions
{
    /// <summary>The key the emulator expects in <c>X-Api-Key</c>.</summary>
    public string ApiKey { get; set; } = "emulator-key";

    /// <summary>Share of requests answered 500 (0-1, every n-th request: deterministic).</summary>
    public double ServerErrorRate { get; set; }

    /// <summary>Answer 402 "insufficient credits" to every request, as remove.bg does when the balance is spent.</summary>
    public bool OutOfCredits { get; set; }
}
