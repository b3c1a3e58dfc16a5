using System.Net;

namespace GenImageFactory.Infrastructure.Providers;

/// <summary>A provider's answer as its client reads it (each provider words errors its own way): what the shared rule judges.</summary>
/// <param name="Status">The status to judge: the HTTP one, or the error code a provider puts in its body.</param>
/// <param name="Reason">The provider's words for a refusal, shown to the user.</param>
/// <param name="Evidence">What may name an account problem (the reason, with any error code); the reason when null.</param>
/// <param name="QuotaExhausted">The provider says outright that the account's quota is spent (OpenAI's 429 <c>insufficient_quota</c>).</param>
/// <param name="ErrorInBody">The body reports an error whatever the status says (Runware's <c>errors</c> beside a 200).</param>
internal sealed record ProviderReply(HttpStatusCode Status, string Reason, string? Evidence = null, bool QuotaExhausted = false, bool ErrorInBody = false);

/// <summary>What an answer means for the task and its job.</summary>
internal enum ProviderAnswer
{
    /// <summary>2xx: the body is the answer.</summary>
    Accepted,

    /// <summary>429 or 5xx: thrown, so the resilience handler (honouring Retry-After) and then the poll loop try again.</summary>
    Transient,

    /// <summary>The account is refused (bad key, no credit, a model the plan lacks): every task would be, so the job stops.</summary>
    AccountRefused,

    /// <summary>This task is refused (content filter, bad size): resubmitting it will not help.</summary>
    TaskRefused,
}
