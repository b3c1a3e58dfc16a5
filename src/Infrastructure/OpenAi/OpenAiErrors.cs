using System.ClientModel.Primitives;

namespace GenImageFactory.Infrastructure.OpenAi;

internal static class OpenAiErrors
{
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
