namespace GenImageFactory.Pipeline.Ports;

/// <param name="Purpose">What the product uses it for.</param>
/// <param name="KeyConfigured">Whether the host has a key for it; the key itself never leaves the host.</param>
public sealed record ProviderInfo(string Name, string Purpose, string Endpoint, bool KeyConfigured)
{
    /// <summary>For image providers: the default model, its images per task and price (null when unknown), tasks in flight.</summary>
    public string? DefaultModel { get; init; }
    public int? ImagesPerTask { get; init; }
    public decimal? CostPerTask { get; init; }
    public int? MaxConcurrency { get; init; }

    /// <summary>For providers with several models (PiAPI): each with its limits, price and licence.</summary>
    public IReadOnlyList<ProviderModelInfo>? Models { get; init; }
}

/// <summary>One model of a provider: how many images a task returns, and what one image costs (USD, null when unknown).</summary>
public sealed record ProviderModelInfo(string Id, string TaskType, int ImagesPerTask, decimal? PricePerImage, string Licence, string Limits);

/// <summary>What one task of a model returns and costs, for estimates.</summary>
public sealed record ProviderPricing(int ImagesPerTask, decimal? CostPerTask);

/// <summary>The external services this host is configured to call, for operators and the dashboard.</summary>
public interface IProviderCatalog
{
    IReadOnlyList<ProviderInfo> List();

    /// <summary>Images per task and price of a provider's model (empty: its default) as this host is configured.</summary>
    ProviderPricing PricingOf(string provider, string model);
}
