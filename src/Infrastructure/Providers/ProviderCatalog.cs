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
            Images(PiApiClient.ProviderName, "image generation (Midjourney)", o.PiApi),
            Images(RunwareClient.ProviderName, "image generation", o.Runware),
            Images(OpenAiImagesClient.ProviderName, "image generation", o.OpenAIImages),
            new("openai", "prompt writing, quality check, metadata", o.OpenAI.Endpoint.ToString(), !string.IsNullOrEmpty(o.OpenAI.ApiKey)),
            new(RemoveBgClient.ProviderName, "background removal (post-processing)", o.RemoveBg.BaseUrl!.ToString(), !string.IsNullOrEmpty(o.RemoveBg.ApiKey)),
        ];
    }

    private static ProviderInfo Images(string name, string purpose, ProviderEndpointOptions endpoint) =>
        new(name, purpose, endpoint.BaseUrl!.ToString(), !string.IsNullOrEmpty(endpoint.ApiKey))
        {
            ImagesPerTask = endpoint.ImagesPerTask,
            CostPerTask = endpoint.CostPerTask,
            MaxConcurrency = endpoint.MaxConcurrency,
        };
}
