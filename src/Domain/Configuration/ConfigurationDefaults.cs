namespace GenImageFactory.Domain.Configuration;

/// <summary>Defaults and allowed values of a configuration, in one place.</summary>
public static class ConfigurationDefaults
{
    public const string SystemPrompt =
        "A high-quality stock photograph of {keyword}, natural light, sharp focus, rich detail, " +
        "no text, no logos, no watermarks";

    public static readonly IReadOnlyList<string> AspectRatios = ["1:1", "16:9", "9:16"];
    public static readonly IReadOnlyList<string> Providers = ["piapi", "runware", "openai-images"];
    public static readonly IReadOnlyList<string> ProcessModes = ["relax", "fast", "turbo"];
    public static readonly IReadOnlyList<string> RemoveBgSizes = ["auto", "preview", "full", "4k"];
    public static readonly IReadOnlyList<string> ConvertFormats = ["png", "jpg", "webp"];
    public static readonly IReadOnlyList<string> JpgBackgrounds = ["white", "black"];
    public static readonly IReadOnlyList<string> KeywordsFormats = ["auto", "txt", "csv"];

    public const int MaxKeywordsBytes = 1024 * 1024;
    public const int MaxCount = 2500;
}
