using System.Text.Json.Serialization;

namespace GenImageFactory.Infrastructure.Providers;

/// <summary>PiAPI's answer envelope: <c>{"code", "data": {task}, "message"}</c>, the same for every model.</summary>
internal sealed record PiApiEnvelope(
    [property: JsonPropertyName("code")] int? Code,
    [property: JsonPropertyName("data")] PiApiTaskData? Data,
    [property: JsonPropertyName("message")] string? Message);

internal sealed record PiApiTaskData(
    [property: JsonPropertyName("task_id")] string? TaskId,
    [property: JsonPropertyName("status")] string? Status,
    [property: JsonPropertyName("output")] PiApiOutput? Output,
    [property: JsonPropertyName("error")] PiApiError? Error,
    [property: JsonPropertyName("meta")] PiApiMeta? Meta,
    [property: JsonPropertyName("model")] string? Model = null,
    [property: JsonPropertyName("task_type")] string? TaskType = null);

internal sealed record PiApiError(
    [property: JsonPropertyName("code")] int? Code,
    [property: JsonPropertyName("message")] string? Message,
    [property: JsonPropertyName("raw_message")] string? RawMessage)
{
    /// <summary>The message (with the raw one when it adds something), or null when PiAPI gave none.</summary>
    public string? Describe()
    {
        var message = string.IsNullOrWhiteSpace(Message) ? null : Message.Trim();
        var raw = string.IsNullOrWhiteSpace(RawMessage) || RawMessage.Trim() == message ? null : RawMessage.Trim();
        return (message, raw) switch
        {
            (null, null) => null,
            (null, _) => raw,
            (_, null) => message,
            _ => $"{message} ({raw})",
        };
    }
}

/// <summary><c>meta.usage</c>: credits frozen while the task runs and consumed when it ends.</summary>
internal sealed record PiApiMeta([property: JsonPropertyName("usage")] PiApiUsage? Usage);

internal sealed record PiApiUsage(
    [property: JsonPropertyName("type")] string? Type,
    [property: JsonPropertyName("frozen")] decimal? Frozen,
    [property: JsonPropertyName("consume")] decimal? Consume);

/// <summary>Where a completed task's images are: Midjourney fills all three, Flux <c>image_url</c> or <c>image_urls</c>.</summary>
internal sealed record PiApiOutput(
    [property: JsonPropertyName("temporary_image_urls")] List<string>? TemporaryImageUrls,
    [property: JsonPropertyName("image_urls")] List<string>? ImageUrls,
    [property: JsonPropertyName("image_url")] string? ImageUrl)
{
    /// <summary>The split images when present, else the list, else the single image.</summary>
    public IReadOnlyList<string> ImageUrlsInPreferenceOrder()
    {
        static List<string> Clean(IEnumerable<string?>? urls) =>
            urls?.Where(u => !string.IsNullOrWhiteSpace(u)).Select(u => u!).ToList() ?? [];

        var temporary = Clean(TemporaryImageUrls);
        if (temporary.Count > 0)
        {
            return temporary;
        }
        var list = Clean(ImageUrls);
        return list.Count > 0 ? list : Clean([ImageUrl]);
    }

    /// <summary>Only <c>image_url</c>: for Midjourney, the 2x2 grid, which some plans do not split.</summary>
    public bool OnlyTheSingleUrl =>
        (TemporaryImageUrls ?? []).All(string.IsNullOrWhiteSpace) && (ImageUrls ?? []).All(string.IsNullOrWhiteSpace) && !string.IsNullOrWhiteSpace(ImageUrl);
}
