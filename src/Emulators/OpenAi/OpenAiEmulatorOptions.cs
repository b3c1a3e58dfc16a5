namespace GenImageFactory.Emulators.OpenAi;

/// <summary>
/// Behaviour of the OpenAI Chat Completions emulator (configuration <c>Emulators:Seed</c> for the seed,
/// <c>Emulators:OpenAi</c> for the rest). Rates are 0-1 and deterministic for a seed.
/// </summary>
public sealed class OpenAiEmulatorOptions
{
    /// <summary>The key the emulator expects in <c>Authorization: Bearer</c>.</summary>
    public string ApiKey { get; set; } = "emulator-key";

    public int Seed { get; set; } = 1;

    /// <summary>Share of requests answered 500 <c>server_error</c>.</summary>
    public double ServerErrorRate { get; set; }

    /// <summary>Share of requests answered 429 <c>rate_limit_exceeded</c> with <c>retry-after</c>: the kind a client should retry.</summary>
    public double RateLimitRate { get; set; }

    public int RetryAfterSeconds { get; set; } = 1;

    /// <summary>Share of requests answered 429 <c>insufficient_quota</c> without <c>retry-after</c>: the kind retrying cannot fix.</summary>
    public double QuotaExhaustedRate { get; set; }

    /// <summary>Share of requests answered 200 whose message content is truncated JSON (the envelope itself stays valid).</summary>
    public double MalformedJsonRate { get; set; }

    /// <summary>How long an image generation takes before the answer (configuration <c>Emulators:LatencyMs</c>).</summary>
    public int ImageLatencyMs { get; set; }

    /// <summary>Long side of the images the Images API serves (small in tests).</summary>
    public int ImageLongSide { get; set; } = 512;

    /// <summary>Extra delay before every answer, to exercise client timeouts.</summary>
    public int ResponseDelayMs { get; set; }

    /// <summary>How long the first download of each generated image file is held (a slow CDN: a crash test stops its caller mid-download).</summary>
    public int FirstFileDelayMs { get; set; }
}
