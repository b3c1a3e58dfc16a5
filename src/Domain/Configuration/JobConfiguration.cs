namespace GenImageFactory.Domain.Configuration;

/// <summary>A job configuration, already normalised and validated.</summary>
public sealed record JobConfiguration(
    string Name,
    string Keywords,
    bool KeywordRandom,
    string KeywordsFormat,
    string SystemPrompt,
    string? QualityCheckPrompt,
    string? MetadataPrompt,
    GenerationParameters Parameters,
    ProcessingSettings Processing,
    AiSettings Ai);

/// <summary>How many images, from which provider, and how patiently to wait for them.</summary>
/// <param name="Model">The provider's model id; empty means the provider's default.</param>
/// <param name="MaxSpend">USD: once the provider-reported spend reaches it, the job starts no new task.</param>
/// <param name="MaxConcurrency">Tasks of this job in flight at once; the provider's account-wide cap bounds it too.</param>
public sealed record GenerationParameters(
    string Label,
    string Provider,
    string ProcessMode,
    IReadOnlyList<string> AspectRatios,
    string MjVersion,
    string OpenaiModel,
    int Count,
    int PollingIntervalSeconds,
    int PollingTimeoutMinutes,
    int GenerationRetryAttempts,
    int GenerationRetryBackoffMs,
    string Model = "",
    decimal? MaxSpend = null,
    int? MaxConcurrency = null)
{
    /// <summary>The most a job may ask for: the highest provider cap a host accepts.</summary>
    public const int MaxConcurrencyLimit = 1000;

    /// <summary>
    /// Every poll adds a timer and an activity to the generation's durable history, which is replayed on each
    /// step: a task is polled at most this often, so no history grows without bound.
    /// </summary>
    public const int MaxPollsPerTask = 1000;

    /// <summary>
    /// The interval the task is polled at: the configured one, stretched when the timeout would otherwise allow more
    /// than <see cref="MaxPollsPerTask"/> polls (300 minutes at 1 s becomes 18 s).
    /// </summary>
    public int EffectivePollingIntervalSeconds() =>
        Math.Max(PollingIntervalSeconds, (int)Math.Ceiling(PollingTimeoutMinutes * 60.0 / MaxPollsPerTask));

    /// <summary>The aspect ratio of generation <paramref name="generationIndex"/>: the list, cycled.</summary>
    public string AspectRatioOf(int generationIndex) => AspectRatios[generationIndex % AspectRatios.Count];
}

/// <summary>Post-processing switches applied to approved images.</summary>
public sealed record ProcessingSettings(
    bool RemoveBg,
    string RemoveBgSize,
    bool ImageConvert,
    string ConvertTo,
    string JpgBackground,
    int JpgQuality,
    int PngQuality,
    int WebpQuality,
    bool TrimTransparentBackground,
    bool ImageEnhancement,
    double Sharpening,
    double Saturation);

/// <summary>Which model-driven steps run. <c>runPromptWriter</c> [true] lets a model write each prompt from the filled template.</summary>
public sealed record AiSettings(bool RunQualityCheck, bool RunMetadataGen, bool RunPromptWriter = true);
