using System.Text.Json;

namespace GenImageFactory.Api.Apis;

internal static class RequestJson
{
    /// <summary>The request body as a JSON document, or null when it is empty or not JSON.</summary>
    public static async Task<JsonDocument?> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        try
        {
            return await JsonDocument.ParseAsync(request.Body, default, cancellationToken);
        }
        catch (JsonException)
        {
            return null;
        }
    }

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
