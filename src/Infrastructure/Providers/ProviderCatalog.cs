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
            new(PiApiClient.ProviderName, "image generation (Midjourney)", o.PiApi.BaseUrl!.ToString(), !string.IsNullOrEmpty(o.PiApi.ApiKey)),
            new("openai", "prompt writing, quality check, metadata", o.OpenAI.Endpoint.ToString(), !string.IsNullOrEmpty(o.OpenAI.ApiKey)),
            new(RemoveBgClient.ProviderName, "background removal (post-processing)", o.RemoveBg.BaseUrl!.ToString(), !string.IsNullOrEmpty(o.RemoveBg.ApiKey)),
        ];
    }
}
