using System.Text;
using System.Text.Json;
using GenImageFactory.Domain.Keywords;
using GenImageFactory.Domain.Providers;

namespace GenImageFactory.Domain.Configuration;

/// <summary>
/// Turns a client's JSON configuration into a normalised <see cref="JobConfiguration"/>, applying the
/// configuration's defaults and reporting every invalid field by its path.
/// </summary>
/// <remarks>docs/configuration.md lists every field with its range and default; a test checks it names them all.</remarks>
public static class ConfigurationReader
{
    public const int MaxNameLength = 100;
    public const int MaxPromptLength = 20_000;
    public const int MaxLabelLength = 200;

    /// <summary>Generations cycle through the list; more ratios than this is a mistake, not a plan.</summary>
    public const int MaxAspectRatios = 100;

    /// <param name="json">The configuration object.</param>
    /// <param name="requireName">Saved configurations need a unique name; inline job configurations may omit it.</param>
    public static Validated<JobConfiguration> Read(JsonElement json, bool requireName = true)
    {
        var errors = new ValidationErrors();
        if (json.ValueKind != JsonValueKind.Object)
        {
            errors.Add("configuration", "Must be a JSON object.");
            return new(null, errors);
        }

        var root = new JsonFieldReader(json, "", errors);
        var name = root.String("name", "", MaxNameLength).Trim();
        if (name.Length == 0 && requireName)
        {
            errors.Add("name", "Is required (1-100 characters).");
        }
        else if (HasControlCharacters(name))
        {
            errors.Add("name", NoControlCharacters);
        }

        var keywords = ReadKeywords(root);
        var keywordsFormat = root.Choice("keywordsFormat", "auto", ConfigurationDefaults.KeywordsFormats);
        var systemPrompt = root.OptionalString("systemPrompt", MaxPromptLength) ?? ConfigurationDefaults.SystemPrompt;

        var configuration = new JobConfiguration(
            Name: name.Length == 0 ? "inline" : name,
            Keywords: keywords,
            KeywordRandom: root.Bool("keywordRandom", false),
            KeywordsFormat: keywordsFormat,
            SystemPrompt: systemPrompt,
            QualityCheckPrompt: root.OptionalString("qualityCheckPrompt", MaxPromptLength),
            MetadataPrompt: root.OptionalString("metadataPrompt", MaxPromptLength),
            Parameters: ReadParameters(root.Object("parameters")),
            Processing: ReadProcessing(root.Object("processing")),
            Ai: ReadAi(root.Object("ai")));

        CheckTemplateAgainstKeywords(configuration, errors);
        return errors.IsEmpty ? new(configuration, errors) : new(null, errors);
    }

    private static string ReadKeywords(JsonFieldReader root)
    {
        string text;
        if (root.TryGet("keywords", out var value) && value.ValueKind == JsonValueKind.Array)
        {
            // A list of keywords is accepted as a convenience: it is the TXT form, one per line.
            var lines = new List<string>();
            foreach (var item in value.EnumerateArray())
            {
                if (item.ValueKind != JsonValueKind.String)
                {
                    root.Errors.Add("keywords", "Must be text, or a list of strings.");
                    return "";
                }
                lines.Add(item.GetString()!);
            }
            text = string.Join('\n', lines);
        }
        else
        {
            text = root.String("keywords", "");
        }

        if (Encoding.UTF8.GetByteCount(text) > ConfigurationDefaults.MaxKeywordsBytes)
        {
            root.Errors.Add("keywords", "Must be at most 1 MiB.");
        }
        return text;
    }

    /// <summary>Names and labels are shown in lists, logs and workbooks, where a control character breaks the line or the file.</summary>
    public static bool HasControlCharacters(string text) => text.Any(char.IsControl);

    public const string NoControlCharacters = "Must not contain control characters.";

    private static GenerationParameters ReadParameters(JsonFieldReader? p)
    {
        var defaults = Defaults.Parameters;
        if (p is null)
        {
            return defaults;
        }
        var provider = p.Choice("provider", defaults.Provider, ConfigurationDefaults.Providers);
        var label = p.String("label", "", MaxLabelLength).Trim();
        if (HasControlCharacters(label))
        {
            p.Errors.Add(p.PathOf("label"), NoControlCharacters);
        }
        return new GenerationParameters(
            Label: label,
            Provider: provider,
            ProcessMode: p.Choice("processMode", defaults.ProcessMode, ConfigurationDefaults.ProcessModes),
            AspectRatios: ReadAspectRatios(p),
            MjVersion: ReadMjVersion(p),
            OpenaiModel: ReadOpenAiModel(p),
            Count: p.Int("count", defaults.Count, 1, ConfigurationDefaults.MaxCount),
            PollingIntervalSeconds: p.Int("pollingIntervalSeconds", defaults.PollingIntervalSeconds, 1, 600),
            PollingTimeoutMinutes: p.Int("pollingTimeoutMinutes", defaults.PollingTimeoutMinutes, 1, 300),
            GenerationRetryAttempts: p.Int("generationRetryAttempts", defaults.GenerationRetryAttempts, 0, 5),
            GenerationRetryBackoffMs: p.Int("generationRetryBackoffMs", defaults.GenerationRetryBackoffMs, 0, 60_000),
            Model: ReadImageModel(p, provider),
            MaxSpend: p.OptionalDecimal("maxSpend", 0, 1_000_000),
            MaxConcurrency: p.OptionalInt("maxConcurrency", 1, GenerationParameters.MaxConcurrencyLimit));
    }

    /// <summary>
    /// PiAPI's models each need their own input, so only the ones the client knows pass; other providers get
    /// the id as given (Runware's AIR ids, OpenAI's image models).
    /// </summary>
    private static string ReadImageModel(JsonFieldReader p, string provider)
    {
        var model = p.String("model", "", 200).Trim();
        if (model.Length > 0 && !IsModelName(model))
        {
            p.Errors.Add(p.PathOf("model"), "Must be a model id (letters, digits, '-', '.', '_', ':', '/', '@').");
        }
        else if (provider == "piapi" && PiApiModels.Find(model) is null)
        {
            p.Errors.Add(p.PathOf("model"),
                $"PiAPI model '{model}' is not supported; use one of {string.Join(", ", PiApiModels.All.Select(m => m.Id))}, or leave it empty for {PiApiModels.Default.Id}.");
        }
        return model;
    }

    private static bool IsModelName(string model) =>
        model.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_' or ':' or '/' or '@');

    private static IReadOnlyList<string> ReadAspectRatios(JsonFieldReader p)
    {
        const string name = "aspectRatios";
        if (!p.TryGet(name, out var value))
        {
            return ConfigurationDefaults.AspectRatios;
        }

        IEnumerable<string?> items = value.ValueKind switch
        {
            JsonValueKind.String => value.GetString()!.Split(','),
            JsonValueKind.Array => value.EnumerateArray()
                .Select(e => e.ValueKind == JsonValueKind.String ? e.GetString() : null),
            _ => [null],
        };

        var ratios = new List<string>();
        var read = 0;
        foreach (var item in items)
        {
            if (read++ == MaxAspectRatios)
            {
                p.Errors.Add(p.PathOf(name), $"Must list at most {MaxAspectRatios} aspect ratios.");
                break;
            }
            if (!AspectRatio.TryParse(item, out var ratio))
            {
                p.Errors.Add(p.PathOf(name), $"'{item ?? "(not a string)"}' is not W:H with whole numbers 1-100.");
                continue;
            }
            ratios.Add(ratio.ToString());
        }
        if (ratios.Count == 0 && !p.Errors.Contains(p.PathOf(name)))
        {
            p.Errors.Add(p.PathOf(name), "Needs at least one aspect ratio.");
        }
        return ratios.Count == 0 ? ConfigurationDefaults.AspectRatios : ratios;
    }

    private static string ReadMjVersion(JsonFieldReader p)
    {
        var version = p.String("mjVersion", Defaults.Parameters.MjVersion, 10).Trim();
        if (version.Length == 0 || !version.All(c => char.IsAsciiDigit(c) || c == '.'))
        {
            p.Errors.Add(p.PathOf("mjVersion"), "Must be a version number such as 6.1.");
        }
        return version;
    }

    private static string ReadOpenAiModel(JsonFieldReader p)
    {
        var model = p.String("openaiModel", Defaults.Parameters.OpenaiModel, 100).Trim();
        if (model.Length == 0 || !model.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_' or ':'))
        {
            p.Errors.Add(p.PathOf("openaiModel"), "Must be a model name (letters, digits, '-', '.', '_', ':').");
        }
        return model;
    }

    /// <summary>
    /// Processing settings given as overrides of <paramref name="baseline"/> (an image retry with modified
    /// settings): omitted fields keep the baseline's values; errors are named under <paramref name="path"/>.
    /// </summary>
    public static Validated<ProcessingSettings> ReadProcessingOverrides(JsonElement json, ProcessingSettings baseline, string path)
    {
        var errors = new ValidationErrors();
        if (json.ValueKind != JsonValueKind.Object)
        {
            errors.Add(path, "Must be an object of processing settings.");
            return new Validated<ProcessingSettings>(null, errors);
        }
        var known = JsonSerializer.SerializeToElement(baseline, ConfigurationJson.Options).EnumerateObject().Select(p => p.Name).ToHashSet();
        foreach (var unknown in json.EnumerateObject().Where(p => !known.Contains(p.Name)))
        {
            errors.Add($"{path}.{unknown.Name}", $"Is not a processing setting (known: {string.Join(", ", known)}).");
        }
        var settings = ReadProcessing(new JsonFieldReader(json, path, errors), baseline);
        return new Validated<ProcessingSettings>(errors.IsEmpty ? settings : null, errors);
    }

    private static ProcessingSettings ReadProcessing(JsonFieldReader? p, ProcessingSettings? baseline = null)
    {
        var d = baseline ?? Defaults.Processing;
        if (p is null)
        {
            return d;
        }
        return new ProcessingSettings(
            RemoveBg: p.Bool("removeBg", d.RemoveBg),
            RemoveBgSize: p.Choice("removeBgSize", d.RemoveBgSize, ConfigurationDefaults.RemoveBgSizes),
            ImageConvert: p.Bool("imageConvert", d.ImageConvert),
            ConvertTo: p.Choice("convertTo", d.ConvertTo, ConfigurationDefaults.ConvertFormats),
            JpgBackground: p.Choice("jpgBackground", d.JpgBackground, ConfigurationDefaults.JpgBackgrounds),
            JpgQuality: p.Int("jpgQuality", d.JpgQuality, 1, 100),
            PngQuality: p.Int("pngQuality", d.PngQuality, 1, 100),
            WebpQuality: p.Int("webpQuality", d.WebpQuality, 1, 100),
            TrimTransparentBackground: p.Bool("trimTransparentBackground", d.TrimTransparentBackground),
            ImageEnhancement: p.Bool("imageEnhancement", d.ImageEnhancement),
            Sharpening: p.Number("sharpening", d.Sharpening, 0, 10),
            Saturation: p.Number("saturation", d.Saturation, 0, 2));
    }

    private static AiSettings ReadAi(JsonFieldReader? p) =>
        p is null
            ? Defaults.Ai
            : new AiSettings(p.Bool("runQualityCheck", true), p.Bool("runMetadataGen", true), p.Bool("runPromptWriter", true));

    private static void CheckTemplateAgainstKeywords(JobConfiguration configuration, ValidationErrors errors)
    {
        if (errors.Contains("keywords") || errors.Contains("keywordsFormat") || errors.Contains("systemPrompt"))
        {
            return;
        }
        var table = KeywordTable.Parse(configuration.Keywords, configuration.KeywordsFormat, configuration.SystemPrompt, errors);
        if (table is null)
        {
            return;
        }
        foreach (var unknown in PromptTemplate.UnknownPlaceholders(configuration.SystemPrompt, table))
        {
            errors.Add("systemPrompt", $"Placeholder ${{{{{unknown}}}}} matches no keyword column ({string.Join(", ", table.Columns)}).");
        }
    }

    /// <summary>The configuration every omitted field falls back to.</summary>
    public static class Defaults
    {
        public static readonly GenerationParameters Parameters = new(
            Label: "", Provider: "piapi", ProcessMode: "relax", AspectRatios: ConfigurationDefaults.AspectRatios,
            MjVersion: "6.1", OpenaiModel: "gpt-4o", Count: 1, PollingIntervalSeconds: 15, PollingTimeoutMinutes: 15,
            GenerationRetryAttempts: 1, GenerationRetryBackoffMs: 0);

        public static readonly ProcessingSettings Processing = new(
            RemoveBg: false, RemoveBgSize: "auto", ImageConvert: false, ConvertTo: "png", JpgBackground: "white",
            JpgQuality: 100, PngQuality: 100, WebpQuality: 100, TrimTransparentBackground: false,
            ImageEnhancement: false, Sharpening: 5, Saturation: 1.4);

        public static readonly AiSettings Ai = new(RunQualityCheck: true, RunMetadataGen: true);
    }
}
