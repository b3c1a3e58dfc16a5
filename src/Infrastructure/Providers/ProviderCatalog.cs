using GenImageFactory.Domain.Providers;
using GenImageFactory.Pipeline.Ports;
using Microsoft.Extensions.Options;

namespace GenImageFactory.Infrastructure.Providers;

public sealed class ProviderCatalog(IOptions<ProvidersOptions> options) : IProviderCatalog
{
    public IReadOnlyList<ProviderInfo> List()
    {
        var o = options.Value;
        return
        [
            Images(PiApiClient.ProviderName, "image generation (Flux, Midjourney)", o.PiApi, PiApiModels.Default.Id) with
            {
                ImagesPerTask = o.PiApi.ImagesPerTaskOf(PiApiModels.Default),
                CostPerTask = PiApiPricing(o.PiApi, PiApiModels.Default).CostPerTask,
                Models = PiApiModels.All.Select(m => new ProviderModelInfo(m.Id, m.TaskType, o.PiApi.ImagesPerTaskOf(m), o.PiApi.PricePerImageOf(m), m.Licence, LimitsOf(m))).ToList(),
            },
            Images(RunwareClient.ProviderName, "image generation", o.Runware, o.Runware.Model),
            Images(OpenAiImagesClient.ProviderName, "image generation", o.OpenAIImages, o.OpenAIImages.Model),
            new("openai", "prompt writing, quality check, metadata", o.OpenAI.Endpoint.ToString(), !string.IsNullOrEmpty(o.OpenAI.ApiKey)),
            new(RemoveBgClient.ProviderName, "background removal (post-processing)", o.RemoveBg.BaseUrl!.ToString(), !string.IsNullOrEmpty(o.RemoveBg.ApiKey)),
        ];
    }

    public ProviderPricing PricingOf(string provider, string model)
    {
        var o = options.Value;
        if (provider == PiApiClient.ProviderName)
        {
            return PiApiModels.Find(model) is { } known ? PiApiPricing(o.PiApi, known) : new ProviderPricing(1, null);
        }
        var endpoint = o.Get(provider);
        return new ProviderPricing(endpoint.ImagesPerTask, endpoint.CostPerTask);
    }

    private static ProviderPricing PiApiPricing(PiApiOptions piApi, PiApiModel model)
    {
        var images = piApi.ImagesPerTaskOf(model);
        return new ProviderPricing(images, piApi.PricePerImageOf(model) * images);
    }

    private static string LimitsOf(PiApiModel model) => model.Sizing == PiApiSizing.AspectRatio
        ? "aspect_ratio W:H"
        : $"width × height ≤ {model.MaxPixels:N0} px, sides in steps of {model.SizeStep}";

    private static ProviderInfo Images(string name, string purpose, ProviderEndpointOptions endpoint, string? defaultModel) =>
        new(name, purpose, endpoint.BaseUrl!.ToString(), !string.IsNullOrEmpty(endpoint.ApiKey))
        {
            DefaultModel = defaultModel,
            ImagesPerTask = endpoint.ImagesPerTask,
            CostPerTask = endpoint.CostPerTask,
            MaxConcurrency = endpoint.MaxConcurrency,
        };
}
