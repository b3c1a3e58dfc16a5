using GenImageFactory.Pipeline.Models;

namespace GenImageFactory.Pipeline.Orchestrations;

/// <summary>What a generation's tasks cost over its attempts, as the provider reported it.</summary>
internal readonly record struct GenerationSpend(decimal Usd, decimal Credits)
{
    public GenerationSpend Add(ProviderTaskStatus status) =>
        new(Usd + (status.Cost ?? 0), Credits + (status.Credits ?? 0));

    /// <summary>The task's reported cost for its log line ("; cost 1500 credits, $0.0015"), or nothing when none was reported.</summary>
    public static string Note(ProviderTaskStatus status)
    {
        if (status.Cost is null && status.Credits is null)
        {
            return "";
        }
        var credits = status.Credits is { } c ? $"{c:0.##} credits, " : "";
        return $"; cost {credits}${status.Cost ?? 0:0.######}";
    }
}
