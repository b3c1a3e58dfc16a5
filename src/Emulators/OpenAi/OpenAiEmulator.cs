using System.Collections.Concurrent;
using GenImageFactory.Domain.Keywords;

namespace GenImageFactory.Emulators.OpenAi;

/// <summary>
/// The emulator's decisions: which requests get a fault, deterministic for a seed (faults follow the request
/// sequence, as in the PiAPI emulator). Counts calls per kind so tests can prove what was (not) called.
/// </summary>
public sealed class OpenAiEmulator(OpenAiEmulatorOptions options, TimeProvider time)
{
    /// <summary>The <c>response_format.json_schema.name</c> that asks for an improved generation prompt.</summary>
    public const string GenerationPromptSchema = "generation_prompt";

    /// <summary>The <c>response_format.json_schema.name</c> that asks for a pass/fail verdict on an image.</summary>
    public const string QualityCheckSchema = "quality_check";

    /// <summary>The <c>response_format.json_schema.name</c> that asks for a title, description and tags.</summary>
    public const string ImageMetadataSchema = "image_metadata";

    private long _requestSequence;
    private long _totalCalls;
    private long _promptCalls;
    private long _qualityCheckCalls;
    private long _metadataCalls;
    private long _imageCalls;
    private readonly ConcurrentDictionary<ulong, int> _imagesPerPrompt = new();
    private readonly ConcurrentDictionary<string, int> _fileDownloads = new(StringComparer.Ordinal);

    public OpenAiEmulatorOptions Options { get; } = options;

    /// <summary>Every request that reached the emulator, whatever its kind or answer.</summary>
    public long TotalCalls => Interlocked.Read(ref _totalCalls);

    public long PromptCalls => Interlocked.Read(ref _promptCalls);
    public long QualityCheckCalls => Interlocked.Read(ref _qualityCheckCalls);
    public long MetadataCalls => Interlocked.Read(ref _metadataCalls);

    /// <summary>Image generations (the Images API).</summary>
    public long ImageCalls => Interlocked.Read(ref _imageCalls);

    internal void CountImage() => Interlocked.Increment(ref _imageCalls);

    internal void CountImageOf(string prompt) => _imagesPerPrompt.AddOrUpdate(StableHash.Of(prompt), 1, (_, n) => n + 1);

    /// <summary>How many images were generated for this prompt: proof of what one caller paid for, whatever else runs.</summary>
    public int ImagesOf(string prompt) => _imagesPerPrompt.GetValueOrDefault(StableHash.Of(prompt));

    /// <summary>Downloads of generated image files begun, over all files.</summary>
    public int FileDownloads => _fileDownloads.Values.Sum();

    /// <returns>How many downloads of this file had begun before this one.</returns>
    internal int CountDownloadOf(string file) => _fileDownloads.AddOrUpdate(file, 1, (_, n) => n + 1) - 1;

    public long NowUnixSeconds => time.GetUtcNow().ToUnixTimeSeconds();

    /// <summary>Counted before authentication and faults, so a faulted call still shows up under its kind.</summary>
    internal void Count(ChatKind? kind)
    {
        Interlocked.Increment(ref _totalCalls);
        switch (kind)
        {
            case ChatKind.GenerationPrompt:
                Interlocked.Increment(ref _promptCalls);
                break;
            case ChatKind.QualityCheck:
                Interlocked.Increment(ref _qualityCheckCalls);
                break;
            case ChatKind.ImageMetadata:
                Interlocked.Increment(ref _metadataCalls);
                break;
        }
    }

    /// <summary>This request's place in the sequence and the fault it gets, if any.</summary>
    internal (ulong Sequence, ChatFault Fault) NextRequest()
    {
        var sequence = (ulong)Interlocked.Increment(ref _requestSequence);
        var draw = Draw(sequence);
        var o = Options;
        var fault = SeededDice.Band(draw, o.ServerErrorRate, o.RateLimitRate, o.QuotaExhaustedRate, o.MalformedJsonRate) switch
        {
            0 => ChatFault.ServerError,
            1 => ChatFault.RateLimited,
            2 => ChatFault.QuotaExhausted,
            3 => ChatFault.MalformedJson,
            _ => ChatFault.None,
        };
        return (sequence, fault);
    }

    /// <summary>A completion id that is the same for the same seed and request sequence.</summary>
    internal string CompletionId(ulong sequence)
    {
        var state = sequence ^ (ulong)Options.Seed * 0xD1B54A32D192ED03UL ^ 0xC2B2AE3D27D4EB4FUL;
        return $"chatcmpl-{StableHash.SplitMix64(ref state):x16}";
    }

    private double Draw(ulong key) => SeededDice.Draw(Options.Seed, key);
}

/// <summary>What a request asks for, named by its <c>response_format.json_schema.name</c>.</summary>
internal enum ChatKind
{
    GenerationPrompt,
    QualityCheck,
    ImageMetadata,
}

internal enum ChatFault
{
    None,
    ServerError,
    RateLimited,
    QuotaExhausted,
    MalformedJson,
}
