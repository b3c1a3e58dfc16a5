using System.Security.Cryptography;
using System.Text;
using GenImageFactory.Pipeline.Ports;
using Microsoft.Extensions.Options;

namespace GenImageFactory.Infrastructure.Providers;

/// <summary>Webhooks by provider: PiAPI's when <c>Providers:PiApi:WebhookBaseUrl</c> is set (Runware's REST inference is synchronous).</summary>
public sealed class ProviderWebhooks(IOptions<ProvidersOptions> options) : IProviderWebhooks
{
    public bool IsEnabled(string provider) => provider == PiApiClient.ProviderName && options.Value.PiApi.WebhookBaseUrl is not null;

    public bool IsGenuine(string provider, string? secret) =>
        IsEnabled(provider) && secret is not null && options.Value.PiApi.WebhookSecret is { } expected &&
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(expected));
}
