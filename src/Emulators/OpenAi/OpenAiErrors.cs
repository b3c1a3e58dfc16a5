using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace GenImageFactory.Emulators.OpenAi;

/// <summary>OpenAI's error answers, word for word where the real API's wording is known, so clients branch on the same fields.</summary>
internal static class OpenAiErrors
{
    /// <summary>OpenAI's 401, which shows the ends of the key it was given (as OpenAI does: callers must not repeat it).</summary>
    public static IResult InvalidApiKey(HttpRequest request)
    {
        var key = request.Headers.Authorization.ToString().Replace("Bearer ", "", StringComparison.OrdinalIgnoreCase).Trim();
        var shown = key.Length > 8 ? $"{key[..4]}{new string('*', key.Length - 8)}{key[^4..]}" : "";
        return Error(401, $"Incorrect API key provided: {shown}. You can find your API key at https://platform.openai.com/account/api-keys.", "invalid_request_error", null, "invalid_api_key");
    }

    public static IResult ServerError() =>
        Error(500, "The server had an error while processing your request.", "server_error", null, null);

    /// <summary>The retryable 429: it says when to come back.</summary>
    public static IResult RateLimited(HttpResponse response, int retryAfterSeconds)
    {
        response.Headers["retry-after"] = retryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        response.Headers["retry-after-ms"] = (retryAfterSeconds * 1000L).ToString(CultureInfo.InvariantCulture);
        return Error(429, $"Rate limit reached for requests. Please try again in {retryAfterSeconds}s.", "requests", null, "rate_limit_exceeded");
    }

    /// <summary>The 429 that retrying cannot fix: no <c>retry-after</c>.</summary>
    public static IResult QuotaExhausted() =>
        Error(429, "You exceeded your current quota, please check your plan and billing details.", "insufficient_quota", null, "insufficient_quota");

    public static IResult InvalidRequest(string message, string? param, string? code = null) =>
        Error(400, message, "invalid_request_error", param, code);

    private static IResult Error(int status, string message, string type, string? param, string? code) =>
        Results.Json(new JsonObject
        {
            ["error"] = new JsonObject
            {
                ["message"] = message,
                ["type"] = type,
                ["param"] = param,
                ["code"] = code,
            },
        }, statusCode: status);
}
