using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace GenImageFactory.Api.Contracts;

// The request bodies of the API, for its OpenAPI document only (ApiRoute.Body names one per route): the handlers
// read and validate their bodies themselves (the readers beside these records, RequestJson, ConfigurationReader),
// so these records describe what those readers accept; they are never bound, though a reader may answer one
// (ScheduleRequestReader). Fields a reader defaults are optional here; numbers must be JSON numbers (no "10" for
// 10), as the readers want them.

[Description("A job configuration. Every field is optional except a saved configuration's name; omitted fields take their defaults (docs/configuration.md).")]
public sealed record ConfigurationRequest(
    [property: Description("Unique name of a saved configuration (1-100 characters); optional inline."), MaxLength(ConfigurationReader.MaxNameLength)] string? Name = null,
    [property: Description("Keywords: text (one per line, or CSV with a header row), or a list of strings; at most 1 MiB.")] string? Keywords = null,
    [property: Description("Pick keywords in random order.")] bool? KeywordRandom = null,
    [property: Description("auto, txt or csv.")] string? KeywordsFormat = null,
    [property: Description("The prompt template; {keyword} or CSV column placeholders are filled per generation.")] string? SystemPrompt = null,
    string? QualityCheckPrompt = null,
    string? MetadataPrompt = null,
    GenerationParametersRequest? Parameters = null,
    ProcessingSettingsRequest? Processing = null,
    AiSettingsRequest? Ai = null);

[Description("How many images, from which provider, and how patiently to wait for them.")]
public sealed record GenerationParametersRequest(
    [property: Description("The job's label (at most 200 characters)."), MaxLength(ConfigurationReader.MaxLabelLength)] string? Label = null,
    [property: Description("piapi, runware or openai-images.")] string? Provider = null,
    [property: Description("relax, fast or turbo.")] string? ProcessMode = null,
    [property: Description("W:H ratios with whole numbers 1-100, cycled over the generations; a comma-separated string is accepted too."), MinLength(1)] IReadOnlyList<string>? AspectRatios = null,
    string? MjVersion = null,
    string? OpenaiModel = null,
    [property: Range(1, 2500)] int? Count = null,
    [property: Range(1, 600)] int? PollingIntervalSeconds = null,
    [property: Range(1, 300)] int? PollingTimeoutMinutes = null,
    [property: Range(0, 5)] int? GenerationRetryAttempts = null,
    [property: Range(0, 60_000)] int? GenerationRetryBackoffMs = null,
    [property: Description("The provider's model id; empty means the provider's default.")] string? Model = null,
    [property: Description("USD: once the provider-reported spend reaches it, the job starts no new task."), Range(0, 1_000_000)] decimal? MaxSpend = null,
    [property: Description("Tasks of this job in flight at once."), Range(1, 1000)] int? MaxConcurrency = null);

[Description("Post-processing applied to approved images.")]
public sealed record ProcessingSettingsRequest(
    bool? RemoveBg = null,
    [property: Description("auto, preview, full or 4k.")] string? RemoveBgSize = null,
    bool? ImageConvert = null,
    [property: Description("png, jpg or webp.")] string? ConvertTo = null,
    [property: Description("white or black.")] string? JpgBackground = null,
    [property: Range(1, 100)] int? JpgQuality = null,
    [property: Range(1, 100)] int? PngQuality = null,
    [property: Range(1, 100)] int? WebpQuality = null,
    bool? TrimTransparentBackground = null,
    bool? ImageEnhancement = null,
    [property: Range(0.0, 10.0)] double? Sharpening = null,
    [property: Range(0.0, 2.0)] double? Saturation = null);

[Description("Which model-driven steps run (each defaults to true).")]
public sealed record AiSettingsRequest(bool? RunQualityCheck = null, bool? RunMetadataGen = null, bool? RunPromptWriter = null);

[Description("Exactly one of configuration (inline) and configurationId (a saved configuration).")]
public sealed record StartJobRequest(
    ConfigurationRequest? Configuration = null,
    [property: Description("The id of a saved configuration.")] string? ConfigurationId = null);

[Description("The configuration to estimate, under configuration (as for POST /api/jobs); the configuration object itself is accepted too.")]
public sealed record EstimateJobRequest(ConfigurationRequest? Configuration = null);

[Description("Empty, or a modified configuration to rerun with (edit and rerun).")]
public sealed record RerunJobRequest(ConfigurationRequest? Configuration = null);

[Description("A job's new label.")]
public sealed record RenameJobRequest([property: Description("1-200 characters."), MinLength(1), MaxLength(200)] string Label);

[Description("The jobs to act on.")]
public sealed record JobIdsRequest([property: Description("1-500 job ids."), MinLength(1), MaxLength(500)] IReadOnlyList<string> JobIds);

[Description("Failed images to run through the pipeline again.")]
public sealed record RetryImagesRequest(
    [property: Description("1-500 image ids."), MinLength(1), MaxLength(500)] IReadOnlyList<string> Ids,
    [property: Description("\"original\" (the default: each job's own settings), or an object of processing settings to change.")] JsonElement? Settings = null,
    [property: Description("Write the images' metadata again (default false).")] bool? RegenerateMetadata = null);

[Description("A saved configuration started on a cron expression (UTC).")]
public sealed record CreateScheduleRequest(
    [property: Description("The id of a saved configuration.")] string ConfigurationId,
    [property: Description("5 fields, or 6 with seconds first; UTC.")] string Cron,
    [property: Description("Default true.")] bool? Enabled = null);

[Description("A provider's call when a task ends, as the provider sends it; other fields are ignored.")]
public sealed record ProviderWebhookRequest(
    [property: Description("PiAPI: the task, an object with its task_id. Runware: the task's results, an array of objects with its taskUUID.")] JsonElement Data,
    [property: Description("PiAPI: when the call was sent (Unix seconds).")] long? Timestamp = null);
