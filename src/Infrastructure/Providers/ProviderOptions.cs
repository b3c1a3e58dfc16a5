using System.ComponentModel.DataAnnotations;

namespace GenImageFactory.Infrastructure.Providers;

/// <summary>Where one provider lives and how hard we may use it (configuration section <c>Providers:&lt;Name&gt;</c>).</summary>
public sealed class ProviderEndpointOptions
{
    [Required]
    public Uri? BaseUrl { get; set; }

    /// <summary>From the deployment secret (e.g. <c>PIAPI_API_KEY</c>), never from a job configuration.</summary>
    public string? ApiKey { get; set; }

    [Range(1, 1000)]
    public int MaxConcurrency { get; set; } = 10;

    /// <summary>Hosts images may be downloaded from; <c>*.example.com</c> allows subdomains.</summary>
    public List<string> AllowedImageHosts { get; set; } = [];

    [Range(1, 600)]
    public int RequestTimeoutSeconds { get; set; } = 30;
}

/// <summary>All providers, by the section names of SPEC §8.</summary>
public sealed class ProvidersOptions
{
    public const string Section = "Providers";

    public ProviderEndpointOptions PiApi { get; set; } = new()
    {
        BaseUrl = new Uri("https://api.piapi.ai/"),
        AllowedImageHosts = ["img.theapi.app", "*.piapi.ai", "*.theapi.app", "cdn.discordapp.com", "media.discordapp.net"],
    };

    public ProviderEndpointOptions Get(string provider) => provider switch
    {
        PiApiClient.ProviderName => PiApi,
        _ => throw new KeyNotFoundException($"Provider '{provider}' is not available on this host."),
    };
}
