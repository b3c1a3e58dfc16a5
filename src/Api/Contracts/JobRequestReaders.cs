using System.Text.Json;
using GenImageFactory.Api.Apis;

namespace GenImageFactory.Api.Contracts;

/// <summary>
/// The readers of the job routes' bodies (<see cref="StartJobRequest"/>, <see cref="RerunJobRequest"/>,
/// <see cref="RenameJobRequest"/>, <see cref="JobIdsRequest"/>): each reads the JSON by hand and answers what it
/// accepts, or the 400 that names the field at fault.
/// </summary>
internal static class JobRequestReaders
{
    /// <summary>
    /// A <see cref="StartJobRequest"/>: exactly one of an inline configuration (read and validated here) and a
    /// well-formed saved configuration's id (looked up by the caller).
    /// </summary>
    public static async Task<(JobConfiguration? Inline, string? ConfigurationId, ValidationProblem? Problem)> ReadStartJobAsync(
        HttpRequest request, IImageProviders providers, CancellationToken cancellationToken)
    {
        using var body = await RequestJson.ReadAsync(request, cancellationToken);
        if (body?.RootElement is not { ValueKind: JsonValueKind.Object } root)
        {
            return (null, null, RequestJson.BodyProblem(request, "Must be a JSON object such as {\"configuration\": {...}}."));
        }
        var hasInline = root.TryGetProperty("configuration", out var inline) && inline.ValueKind != JsonValueKind.Null;
        var hasSaved = root.TryGetProperty("configurationId", out var savedId) && savedId.ValueKind != JsonValueKind.Null;
        if (hasInline == hasSaved)
        {
            return (null, null, ApiProblems.Invalid("configuration", "Give exactly one of 'configuration' (inline) or 'configurationId'."));
        }
        if (hasSaved)
        {
            var configurationId = savedId.ValueKind == JsonValueKind.String ? savedId.GetString() : null;
            return ApiLookups.InvalidConfigurationId(configurationId, "configurationId") is { } invalid
                ? (null, null, invalid)
                : (null, configurationId, null);
        }
        var (configuration, problem) = ReadInline(inline, providers);
        return (configuration, null, problem);
    }

    /// <summary>A <see cref="RerunJobRequest"/>: no body (null: rerun as it was), or a modified configuration to rerun with.</summary>
    public static async Task<(JobConfiguration? Changed, ValidationProblem? Problem)> ReadRerunJobAsync(
        HttpRequest request, IImageProviders providers, CancellationToken cancellationToken)
    {
        if (request.ContentLength is not > 0 && request.Headers.TransferEncoding.Count == 0)
        {
            return (null, null);
        }
        using var body = await RequestJson.ReadAsync(request, cancellationToken);
        if (body?.RootElement.ValueKind == JsonValueKind.Null)
        {
            // What generated clients send for an optional body left out.
            return (null, null);
        }
        if (body?.RootElement is not { ValueKind: JsonValueKind.Object } root)
        {
            return (null, RequestJson.BodyProblem(request, "Must be empty, null, or a JSON object such as {\"configuration\": {...}} to rerun with modified settings."));
        }
        if (!root.TryGetProperty("configuration", out var inline) || inline.ValueKind == JsonValueKind.Null)
        {
            return (null, null);
        }
        var (changed, problem) = ReadInline(inline, providers);
        if (problem is not null)
        {
            return (null, problem);
        }
        // A configuration without a label of its own does not keep the original job's.
        var hasOwnLabel = inline.TryGetProperty("parameters", out var parameters) && parameters.ValueKind == JsonValueKind.Object
            && parameters.TryGetProperty("label", out var label) && label.ValueKind != JsonValueKind.Null;
        return !hasOwnLabel
            ? (changed! with { Parameters = changed.Parameters with { Label = "" } }, null)
            : (changed, null);
    }

    /// <summary>A <see cref="RenameJobRequest"/>'s label, trimmed, or null when the body has no string <c>label</c>.</summary>
    public static async Task<string?> ReadLabelAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        using var body = await RequestJson.ReadAsync(request, cancellationToken);
        return body?.RootElement is { ValueKind: JsonValueKind.Object } root && root.TryGetProperty("label", out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()!.Trim()
            : null;
    }

    /// <summary>The distinct ids of a <see cref="JobIdsRequest"/> (<c>{"jobIds": [...]}</c>), or null when it is not one.</summary>
    public static async Task<List<string>?> ReadJobIdsAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        using var body = await RequestJson.ReadAsync(request, cancellationToken);
        if (body?.RootElement is not { ValueKind: JsonValueKind.Object } root
            || !root.TryGetProperty("jobIds", out var list) || list.ValueKind != JsonValueKind.Array
            || list.GetArrayLength() is 0 or > JobActionsApi.MaxBulkJobs
            || list.EnumerateArray().Any(e => e.ValueKind != JsonValueKind.String))
        {
            return null;
        }
        return list.EnumerateArray().Select(e => e.GetString()!).Distinct().ToList();
    }

    /// <summary>The 400 for a body that is not a <see cref="JobIdsRequest"/>.</summary>
    public static ValidationProblem InvalidJobIds() => ApiProblems.Invalid("jobIds", $"Must be a list of 1-{JobActionsApi.MaxBulkJobs} job ids.");

    /// <summary>The 400 for a configuration whose provider this host does not have.</summary>
    public static ValidationProblem ProviderUnavailable(JobConfiguration configuration) =>
        ApiProblems.Invalid("configuration.parameters.provider", $"Provider '{configuration.Parameters.Provider}' is not available on this host.");

    /// <summary>An inline configuration (<c>"configuration": {...}</c>), validated, with errors named under <c>configuration.</c>.</summary>
    private static (JobConfiguration? Configuration, ValidationProblem? Problem) ReadInline(JsonElement inline, IImageProviders providers)
    {
        var read = ConfigurationReader.Read(inline, requireName: false);
        if (!read.IsValid)
        {
            return (null, ApiProblems.Invalid(Prefixed(read.Errors, "configuration")));
        }
        return providers.IsAvailable(read.Value!.Parameters.Provider) ? (read.Value, null) : (null, ProviderUnavailable(read.Value));
    }

    private static ValidationErrors Prefixed(ValidationErrors errors, string prefix)
    {
        var prefixed = new ValidationErrors();
        foreach (var (path, messages) in errors.ToDictionary())
        {
            foreach (var message in messages)
            {
                prefixed.Add(path == "configuration" ? prefix : $"{prefix}.{path}", message);
            }
        }
        return prefixed;
    }
}
