using GenImageFactory.Pipeline.Models;

namespace GenImageFactory.Pipeline.Orchestrations;

/// <summary>What a generation's tasks cost over its attempts, as the provider reported it.</summary>
internal readonly record struct GenerationSpend(decimal Usd, decimal Credits)
{
    public GenerationSpend Add(ProviderTaskStatus status) =>
        new(Usd + (status.Cost ?? 0), Credits + (status.Credits ?? 0));
}
