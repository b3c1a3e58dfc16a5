using System.Net;

namespace GenImageFactory.Infrastructure.Providers;

/// <summary>How every image provider's HTTP answer is classified: retry it, refuse this task, or stop the job.</summary>
internal static class ProviderHttpAnswers
{
    /// <summary>Words providers use when the account, not the task, is the problem.</summary>
    private static readonly string[] AccountWords =
        ["credit", "balance", "insufficient", "quota", "payment", "invalid api key", "unauthorized", "not enabled", "no access", "permission", "upgrade your plan", "subscription"];

    /// <summary>429 and 5xx are thrown, so the resilience handler (and then the poll loop) tries again.</summary>
    public static void ThrowIfTransient(string provider, HttpStatusCode status, string reason)
    {
        if (status is HttpStatusCode.TooManyRequests || (int)status >= 500)
        {
            throw new HttpRequestException($"{provider} answered {(int)status}: {reason}", null, status);
        }
    }

    /// <summary>
    /// A refusal every other task of the job would meet too — a bad key, no credits, a model the plan does not
    /// include — so the job stops instead of retrying each generation.
    /// </summary>
    public static bool IsAccountProblem(HttpStatusCode? status, string message) =>
        status is HttpStatusCode.Unauthorized or HttpStatusCode.PaymentRequired or HttpStatusCode.Forbidden
        || AccountWords.Any(word => message.Contains(word, StringComparison.OrdinalIgnoreCase));
}
