using System.ComponentModel.DataAnnotations;
using GenImageFactory.Domain.Providers;

namespace GenImageFactory.Infrastructure.Providers;

/// <summary>Where one provider lives and how hard we may use it (configuration section <c>Providers:&lt;Name&gt;</c>).</summary>
public class ProviderEndpointOptions
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

/// <summary>All providers, by their configuration section names (<c>Providers:&lt;Name&gt;</c>).</summary>
/// <remarks>docs/configuration.md ("Providers") lists every setting with its default and range.</remarks>
public sealed class ProvidersOptions
{
    public const string Section = "Providers";

    public PiApiOptions PiApi { get; set; } = new()
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

    /// <summary>
    /// Runware's REST task API, keyed by <c>RUNWARE_API_KEY</c>: <c>imageInference</c> answered synchronously, or, with a
    /// webhook, at once and then by the call and <c>getResponse</c> polls.
    /// </summary>
    public CalledBackProviderOptions Runware { get; set; } = new()
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
        // OpenAI's own image storage account only: a wildcard over blob.core.windows.net would admit anyone's account.
        AllowedImageHosts = ["oaidalleapiprodscus.blob.core.windows.net"],
        RequestTimeoutSeconds = 120,
    };

    public ProviderEndpointOptions Get(string provider) =>
        Find(provider) ?? throw new KeyNotFoundException($"Provider '{provider}' is not available on this host.");

    /// <summary>A provider's settings by its name; null for a name that is none of them (a webhook's path says any).</summary>
    public ProviderEndpointOptions? Find(string provider) => provider switch
    {
        PiApiClient.ProviderName => PiApi,
        RunwareClient.ProviderName => Runware,
        OpenAiImagesClient.ProviderName => OpenAIImages,
        _ => null,
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

/// <summary>
/// A provider that can call this deployment back when a task ends (PiAPI, Runware): set
/// <see cref="WebhookBaseUrl"/> and tasks are submitted with a webhook, and generations wait for it, polling only as
/// a safety net.
/// </summary>
public class CalledBackProviderOptions : ProviderEndpointOptions
{
    /// <summary>
    /// This deployment's root as the provider can reach it (<c>https://factory.example.com/</c>). When set, tasks are
    /// submitted with a webhook to <c>api/webhooks/&lt;provider&gt;</c>.
    /// </summary>
    public Uri? WebhookBaseUrl { get; set; }

    /// <summary>
    /// Required with <see cref="WebhookBaseUrl"/> (a deployment secret): PiAPI sends it back in <c>x-webhook-secret</c>;
    /// Runware, which sends no headers, gets a token derived from it in the webhook's URL.
    /// </summary>
    public string? WebhookSecret { get; set; }

    public const int MinWebhookSecretLength = 16;

    /// <summary>Why the webhook settings of <c>Providers:&lt;section&gt;</c> cannot be used, or null when they can.</summary>
    public string? WebhookProblem(string section)
    {
        if (WebhookBaseUrl is not null && (!WebhookBaseUrl.IsAbsoluteUri || WebhookBaseUrl.Scheme is not ("http" or "https")))
        {
            return $"Providers:{section}:WebhookBaseUrl must be an absolute http(s) URL.";
        }
        if (WebhookBaseUrl is not null && (WebhookSecret?.Length ?? 0) < MinWebhookSecretLength)
        {
            return $"Providers:{section}:WebhookSecret is required with WebhookBaseUrl: at least {MinWebhookSecretLength} characters.";
        }
        return null;
    }
}

/// <summary>PiAPI: per-model settings on top of the model table (<c>Providers:PiApi:Models:&lt;model key&gt;</c>).</summary>
public sealed class PiApiOptions : CalledBackProviderOptions
{
    /// <summary>
    /// PiAPI reports each task's cost in credits (<c>meta.usage.consume</c>); spend limits and totals are in USD.
    /// </summary>
    [Range(1, 1_000_000_000)]
    public decimal CreditsPerUsd { get; set; } = 1_000_000m;

    /// <summary>By the model's key (<c>flux1-schnell</c>, <c>flux1-dev</c>, <c>flux1-dev-advanced</c>, <c>midjourney</c>).</summary>
    public Dictionary<string, PiApiModelOptions> Models { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    public int ImagesPerTaskOf(PiApiModel model) =>
        Models.TryGetValue(model.Key, out var o) && o.ImagesPerTask is { } n ? n : model.ImagesPerTask;

    public decimal? PricePerImageOf(PiApiModel model) =>
        Models.TryGetValue(model.Key, out var o) && o.PricePerImage is { } price ? price : model.PricePerImage;

    /// <summary>Why the per-model settings cannot be used, or null when they can.</summary>
    public string? ModelsProblem()
    {
        foreach (var (key, settings) in Models)
        {
            var model = PiApiModels.All.FirstOrDefault(m => string.Equals(m.Key, key, StringComparison.OrdinalIgnoreCase));
            if (model is null)
            {
                return $"Providers:PiApi:Models:{key} names no model (known: {string.Join(", ", PiApiModels.All.Select(m => m.Key))}).";
            }
            if (settings.ImagesPerTask is { } n && (n < 1 || n > model.MaxImagesPerTask || (model.MaxImagesPerTask == model.ImagesPerTask && n != model.ImagesPerTask)))
            {
                return $"Providers:PiApi:Models:{key}:ImagesPerTask must be {(model.MaxImagesPerTask == model.ImagesPerTask ? model.ImagesPerTask.ToString() : $"1-{model.MaxImagesPerTask}")}.";
            }
            if (settings.PricePerImage is < 0)
            {
                return $"Providers:PiApi:Models:{key}:PricePerImage must not be negative.";
            }
        }
        return null;
    }
}

/// <summary>One PiAPI model's settings: images per task (Flux schnell's <c>batch_size</c>) and price per image (USD).</summary>
public sealed class PiApiModelOptions
{
    public int? ImagesPerTask { get; set; }

    public decimal? PricePerImage { get; set; }
}

/// <summary>Stops the process at start when a PiAPI model or a webhook setting is out of range, naming the setting.</summary>
internal sealed class ProviderSettingsValidation : Microsoft.Extensions.Options.IValidateOptions<ProvidersOptions>
{
    public Microsoft.Extensions.Options.ValidateOptionsResult Validate(string? name, ProvidersOptions options) =>
        (options.PiApi.WebhookProblem("PiApi") ?? options.PiApi.ModelsProblem() ?? options.Runware.WebhookProblem("Runware")) is { } problem
            ? Microsoft.Extensions.Options.ValidateOptionsResult.Fail(problem)
            : Microsoft.Extensions.Options.ValidateOptionsResult.Success;
}
