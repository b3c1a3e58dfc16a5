namespace GenImageFactory.Pipeline.Ports;

/// <param name="Purpose">What the product uses it for.</param>
/// <param name="KeyConfigured">Whether the host has a key for it; the key itself never leaves the host.</param>
public sealed record ProviderInfo(string Name, string Purpose, string Endpoint, bool KeyConfigured)
{
    /// <summary>For image providers: images per task, cost per task (null when not configured), tasks in flight per job.</summary>
    public int? ImagesPerTask { get; init; }
    public decimal? CostPerTask { get; init; }
    public int? MaxConcurrency { get; init; }
}

/// <summary>The external services this host is configured to call, for operators and the dashboard.</summary>
public interface IProviderCatalog
{
    IReadOnlyList<ProviderInfo> List();
}
