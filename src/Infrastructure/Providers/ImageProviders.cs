using GenImageFactory.Pipeline.Ports;
using Microsoft.Extensions.Options;

namespace GenImageFactory.Infrastructure.Providers;

/// <summary>The registered provider clients by name, with their configured concurrency.</summary>
public sealed class ImageProviders(IEnumerable<IImageProvider> providers, IOptions<ProvidersOptions> options) : IImageProviders
{
    private readonly Dictionary<string, IImageProvider> _byName = providers.ToDictionary(p => p.Name, StringComparer.OrdinalIgnoreCase);

    public bool IsAvailable(string name) => _byName.ContainsKey(name);

    public IImageProvider Get(string name) =>
        _byName.TryGetValue(name, out var provider)
            ? provider
            : throw new KeyNotFoundException($"Provider '{name}' is not available on this host.");

    public int MaxConcurrency(string name) => options.Value.Get(name).MaxConcurrency;
}
