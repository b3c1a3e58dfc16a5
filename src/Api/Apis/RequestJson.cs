using System.Text.Json;

namespace GenImageFactory.Api.Apis;

internal static class RequestJson
{
    private static readonly JsonDocumentOptions Options = new() { AllowDuplicateProperties = false };

    /// <summary>
    /// The request body as a JSON document, or null when it is empty, not JSON, nested too deep, names a property
    /// twice in one object (which of the two counts would be a guess, and parsers differ), or holds text that is not
    /// valid Unicode (a lone surrogate escape): every string is checked here once, so no handler meets one later as an
    /// exception. A body over the route's size limit throws (413).
    /// </summary>
    public static async Task<JsonDocument?> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        JsonDocument document;
        try
        {
            document = await JsonDocument.ParseAsync(request.Body, Options, cancellationToken);
        }
        catch (JsonException)
        {
            return null;
        }
        if (IsValidText(document.RootElement))
        {
            return document;
        }
        document.Dispose();
        return null;
    }

    private static bool IsValidText(JsonElement element)
    {
        try
        {
            switch (element.ValueKind)
            {
                case JsonValueKind.String:
                    _ = element.GetString();
                    return true;
                case JsonValueKind.Array:
                    return element.EnumerateArray().All(IsValidText);
                case JsonValueKind.Object:
                    return element.EnumerateObject().All(p => p.Name is not null && IsValidText(p.Value));
                default:
                    return true;
            }
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    /// <summary>A string field of a request object, or null when it is missing or not a string (the caller says what it must be).</summary>
    public static string? OptionalString(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    /// <summary>An optional true/false field of a request object; anything else is an error on that field.</summary>
    public static bool OptionalBool(JsonElement root, string name, bool fallback, ValidationErrors errors)
    {
        if (!root.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return fallback;
        }
        if (value.ValueKind is JsonValueKind.True or JsonValueKind.False)
        {
            return value.GetBoolean();
        }
        errors.Add(name, "Must be true or false.");
        return fallback;
    }
}
