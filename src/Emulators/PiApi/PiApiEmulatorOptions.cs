namespace GenImageFactory.Emulators.PiApi;

/// <summary>
/// Behaviour of the PiAPI emulator (configuration <c>Emulators</c> for latency and seed,
/// <c>Emulators:PiApi</c> for the rest). Rates are 0-1 and deterministic for a seed.
/// </summary>
public sealed class PiApiEmulatorOptions
{
    /// <summary>The key the emulator expects in <c>x-api-key</c>.</summary>
    public string ApiKey { get; set; } = "emulator-key";

    /// <summary>Time from submit to completed; the first half is pending, the second processing.</summary>
    public int LatencyMs { get; set; } = 3000;

    public int Seed { get; set; } = 1;

    /// <summary>Long side of the generated PNGs in pixels.</summary>
    public int ImageLongSide { get; set; } = 512;

    /// <summary>Share of tasks that end <c>failed</c> with an error message.</summary>
    public double FailureRate { get; set; }

    /// <summary>Share of tasks that stay <c>processing</c> forever.</summary>
    public double NeverFinishRate { get; set; }

    /// <summary>Share of requests answered 500.</summary>
    public double ServerErrorRate { get; set; }

    /// <summary>Share of requests answered 429 with <c>Retry-After</c>.</summary>
    public double RateLimitRate { get; set; }

    public int RetryAfterSeconds { get; set; } = 1;

    /// <summary>Share of requests answered 200 with a body that is not JSON.</summary>
    public double MalformedJsonRate { get; set; }

    /// <summary>Extra delay before every answer, to exercise client timeouts.</summary>
    public int ResponseDelayMs { get; set; }

    /// <summary>Share of images drawn blank (plain white), so quality checks have real defects to catch.</summary>
    public double BlankImageRate { get; set; }

    /// <summary>Every submit is refused for want of credits (an account problem: the job should stop at once).</summary>
    public bool OutOfCredits { get; set; }

    /// <summary>Midjourney tasks answer their 2x2 grid alone (<c>image_url</c>), as PiAPI plans that do not split it do.</summary>
    public bool MidjourneyGridOnly { get; set; }

    /// <summary>Model ids this account may use; empty means all (others are refused with 403).</summary>
    public List<string> EnabledModels { get; set; } = [];

    /// <summary>Credits per USD, for <c>meta.usage.consume</c> (the model's list price times this).</summary>
    public decimal CreditsPerUsd { get; set; } = 1_000_000m;

    /// <summary>Prompts containing this text fail, whatever the rates say (for targeted tests).</summary>
    public const string FailMarker = "emulator:fail";

    /// <summary>Prompts containing this text never finish, whatever the rates say.</summary>
    public const string NeverFinishMarker = "emulator:never-finish";

    /// <summary>Prompts containing this text get all their images blank, whatever <see cref="BlankImageRate"/> says.</summary>
    public const string BlankMarker = "emulator:blank";
}
