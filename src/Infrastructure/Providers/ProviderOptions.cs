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

    /// <summary>The provider's model, where it has a choice (Runware's AIR id, OpenAI's image model).</summary>
    public string? Model { get; set; }

    /// <summary>Images one task returns (Midjourney: a grid of four).</summary>
    [Range(1, 10)]
    public int ImagesPerTask { get; set; } = 4;

    /// <summary>What one task costs, in the account's currency (for estimates); unknown when unset.</summary>
    [Range(0, 1000)]
    public decimal? CostPerTask { get; set; }
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

    public OpenAiOptions OpenAI { get; set; } = new();

    /// <summary>Background removal (post-processing), keyed by <c>REMOVE_BG_API_KEY</c>.</summary>
    public ProviderEndpointOptions RemoveBg { get; set; } = new()
    {
        BaseUrl = new Uri("https://api.remove.bg/"),
        RequestTimeoutSeconds = 60,
    };

    /// <summary>Runware's REST task API (synchronous <c>imageInference</c>), keyed by <c>RUNWARE_API_KEY</c>.</summary>
    public ProviderEndpointOptions Runware { get; set; } = new()
    {
        BaseUrl = new Uri("https://api.runware.ai/"),
        Model = "runware:100@1",
        AllowedImageHosts = ["im.runware.ai", "*.runware.ai"],
        RequestTimeoutSeconds = 120,
    };

    /// <summary>OpenAI Images through the official SDK, keyed by <c>OPENAI_API_KEY</c>; one image per request.</summary>
    public ProviderEndpointOptions OpenAIImages { get; set; } = new()
    {
        BaseUrl = new Uri("https://api.openai.com/v1/"),
        Model = "dall-e-3",
        ImagesPerTask = 1,
        AllowedImageHosts = ["oaidalleapiprodscus.blob.core.windows.net", "*.blob.core.windows.net"],
        RequestTimeoutSeconds = 120,
    };

    public ProviderEndpointOptions Get(string provider) => provider switch
    {
        PiApiClient.ProviderName => PiApi,
        RunwareClient.ProviderName => Runware,
        OpenAiImagesClient.ProviderName => OpenAIImages,
        _ => throw new KeyNotFoundException($"Provider '{provider}' is not available on this host."),
    };
}

/// <summary>The OpenAI-compatible endpoint for prompt writing, quality checks and metadata (<c>Providers:OpenAI</c>).</summary>
public sealed class OpenAiOptions
{
    public Uri Endpoint { get; set; } = new("https://api.openai.com/v1");

    /// <summary>From <c>OPENAI_API_KEY</c>, never from a job configuration.</summary>
    public string? ApiKey { get; set; }

    [Range(1, 600)]
    public int RequestTimeoutSeconds { get; set; } = 60;

    /// <summary>Retries of failed HTTP calls (429 honouring its delay, 5xx, timeouts) inside the SDK.</summary>
    [Range(0, 10)]
    public int MaxRetries { get; set; } = 3;

    /// <summary>Further attempts when the model's answer is malformed or breaks the rules.</summary>
    [Range(0, 5)]
    public int MaxOutputRetries { get; set; } = 2;
}
