using System.Security.Cryptography;
using System.Text;
using GenImageFactory.Pipeline.Ports;
using Microsoft.Extensions.Options;

namespace GenImageFactory.Infrastructure.Providers;

/// <summary>
/// Webhooks by provider, on when <c>Providers:&lt;Name&gt;:WebhookBaseUrl</c> is set: PiAPI sends the deployment's
/// secret back in a header; Runware sends no headers, so its webhook URL carries a token derived from the secret, the
/// orchestration it wakes and the task (<see cref="TokenFor"/>; Runware's task ids are ours): a leaked URL can only
/// replay that one task's call, which the route passes on once, and never reveals the secret.
/// </summary>
public sealed class ProviderWebhooks(IOptions<ProvidersOptions> options) : IProviderWebhooks
{
    public bool IsEnabled(string provider) => Settings(provider)?.WebhookBaseUrl is not null;

    public bool IsGenuine(string provider, string? instance, string? taskId, string? secret, string? token)
    {
        if (!IsEnabled(provider) || Settings(provider)!.WebhookSecret is not { } expected)
        {
            return false;
        }
        return provider == RunwareClient.ProviderName
            ? token is not null && instance is not null && taskId is not null && SameText(token, TokenFor(expected, instance, taskId))
            : secret is not null && SameText(secret, expected);
    }

    /// <summary>Where <paramref name="provider"/> calls back to wake <paramref name="instance"/>: the API's webhook route under <paramref name="baseUrl"/>.</summary>
    public static Uri Endpoint(Uri baseUrl, string provider, string instance, string? token) =>
        new(baseUrl, $"api/webhooks/{provider}?instance={Uri.EscapeDataString(instance)}{(token is null ? "" : $"&token={token}")}");

    /// <summary>The token a Runware webhook URL carries for a task that wakes <paramref name="instance"/>: an HMAC of both under the secret.</summary>
    public static string TokenFor(string secret, string instance, string taskId) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{instance}\n{taskId}")));

    private CalledBackProviderOptions? Settings(string provider) => options.Value.Find(provider) as CalledBackProviderOptions;

    private static bool SameText(string given, string expected) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(given), Encoding.UTF8.GetBytes(expected));
}
