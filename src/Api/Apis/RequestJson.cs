using System.Text.Json;
using Microsoft.AspNetCore.Http;

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
}
