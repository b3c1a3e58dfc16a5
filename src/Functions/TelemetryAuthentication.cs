using Azure.Identity;
using Microsoft.ApplicationInsights.Extensibility;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace GenImageFactory.Functions;

/// <summary>
/// Application Insights with local auth off (infra) accepts telemetry only with an Entra token. The host reads
/// <c>APPLICATIONINSIGHTS_AUTHENTICATION_STRING</c> itself; the worker's SDK does not, so this gives it the
/// managed identity the setting names.
/// </summary>
public static class TelemetryAuthentication
{
    public const string Setting = "APPLICATIONINSIGHTS_AUTHENTICATION_STRING";

    public static IServiceCollection AddEntraTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        var parts = (configuration[Setting] ?? "")
            .Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(part => part.Split('=', 2, StringSplitOptions.TrimEntries))
            .Where(pair => pair.Length == 2)
            .ToDictionary(pair => pair[0], pair => pair[1], StringComparer.OrdinalIgnoreCase);
        if (!parts.TryGetValue("Authorization", out var kind) || !kind.Equals("AAD", StringComparison.OrdinalIgnoreCase))
        {
            return services;
        }
        var identity = parts.TryGetValue("ClientId", out var clientId)
            ? ManagedIdentityId.FromUserAssignedClientId(clientId)
            : ManagedIdentityId.SystemAssigned;
        var credential = new ManagedIdentityCredential(identity);
        return services.Configure<TelemetryConfiguration>(telemetry => telemetry.SetAzureTokenCredential(credential));
    }
}
