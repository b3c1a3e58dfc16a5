using System.Text.Json;
using GenImageFactory.Api.Apis;
using GenImageFactory.Domain.Jobs;
using GenImageFactory.Pipeline.Orchestrations;

namespace GenImageFactory.Api.Contracts;

/// <summary>
/// The reader of <see cref="RetryImagesRequest"/>: reads the JSON by hand and answers the retry's input, or the
/// 400 that names every field at fault (<c>ids[3]</c> for the fourth id).
/// </summary>
internal static class RetryImagesRequestReader
{
    public const int MaxImages = 500;
    private const string Original = "original";

    public static async Task<(RetryImagesInput? Input, ValidationProblem? Problem)> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        using var body = await RequestJson.ReadAsync(request, cancellationToken);
        if (body?.RootElement is not { ValueKind: JsonValueKind.Object } root)
        {
            return (null, RequestJson.BodyProblem(request, "Must be a JSON object: {\"ids\": [...], \"settings\": \"original\", \"regenerateMetadata\": false}."));
        }
        var errors = new ValidationErrors();
        var ids = ReadIds(root, errors);
        var overrides = ReadSettings(root, errors);
        var regenerateMetadata = RequestJson.OptionalBool(root, "regenerateMetadata", false, errors);
        return errors.IsEmpty ? (new RetryImagesInput(ids, overrides, regenerateMetadata), null) : (null, ApiProblems.Invalid(errors));
    }

    private static List<string> ReadIds(JsonElement root, ValidationErrors errors)
    {
        if (!root.TryGetProperty("ids", out var list) || list.ValueKind != JsonValueKind.Array || list.GetArrayLength() is 0 or > MaxImages)
        {
            errors.Add("ids", $"Must be a list of 1-{MaxImages} image ids.");
            return [];
        }
        var index = 0;
        foreach (var item in list.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String || !ImageMappingId.TryParse(item.GetString(), out _, out _, out _))
            {
                errors.Add($"ids[{index}]", "Is not an image id.");
            }
            index++;
        }
        return list.EnumerateArray().Where(i => i.ValueKind == JsonValueKind.String).Select(i => i.GetString()!).Distinct().ToList();
    }

    /// <returns>The overrides as JSON, or null to retry with each job's own settings.</returns>
    private static string? ReadSettings(JsonElement root, ValidationErrors errors)
    {
        if (!root.TryGetProperty("settings", out var settings) || settings.ValueKind == JsonValueKind.Null
            || (settings.ValueKind == JsonValueKind.String && settings.GetString() == Original))
        {
            return null;
        }
        if (settings.ValueKind != JsonValueKind.Object)
        {
            errors.Add("settings", "Must be \"original\" or an object of processing settings to change.");
            return null;
        }
        var read = ConfigurationReader.ReadProcessingOverrides(settings, ConfigurationReader.Defaults.Processing, "settings");
        foreach (var (path, messages) in read.Errors.ToDictionary())
        {
            foreach (var message in messages)
            {
                errors.Add(path, message);
            }
        }
        return settings.GetRawText();
    }
}
