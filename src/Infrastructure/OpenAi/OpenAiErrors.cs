using System.ClientModel;
using System.ClientModel.Primitives;

namespace GenImageFactory.Infrastructure.OpenAi;

internal static class OpenAiErrors
{
    /// <summary>
    /// Why every call with this account would fail, or null for an answer that concerns this call only: no quota left
    /// (429 insufficient_quota), a key OpenAI does not take (401; its message shows part of the key, so it is not
    /// repeated), an account or region without access (403), a model or endpoint that is not there (404).
    /// </summary>
    public static string? AccountRefusal(ClientResultException error) => error.Status switch
    {
        429 when IsQuotaExhausted(error.GetRawResponse()) => "The OpenAI quota is exhausted (insufficient_quota); add credit or change the key, then rerun the job.",
        401 => $"{Describe(error)}, then rerun the job.",
        403 => $"OpenAI refused this account (403): {error.Message}",
        404 => $"OpenAI has no such model or endpoint (404): {error.Message}; check openaiModel and Providers__OpenAI__Endpoint, then rerun the job.",
        _ => null,
    };

    /// <summary>What an error says, for logs and records: a 401's own message shows part of the key, so it is not repeated.</summary>
    public static string Describe(ClientResultException error) =>
        error.Status == 401 ? "OpenAI refused the API key (401); set a valid OPENAI_API_KEY" : error.Message;

    /// <summary>OpenAI answers 429 both for "slow down" and for "no quota left"; only the body tells them apart.</summary>
    public static bool IsQuotaExhausted(PipelineResponse? response)
    {
        if (response is not { Status: 429 })
        {
            return false;
        }
        try
        {
            return response.Content.ToString().Contains("insufficient_quota", StringComparison.Ordinal);
        }
        catch (InvalidOperationException)
        {
            // The body was not buffered (streaming); treat it as an ordinary rate limit.
            return false;
        }
    }
}
