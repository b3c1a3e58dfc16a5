using System.Reflection;
using System.Text.Json;
using GenImageFactory.Local;

namespace GenImageFactory.Functions.Tests;

/// <summary>One function of the Functions app's build output (<c>functions.metadata</c>), by its trigger.</summary>
public sealed record FunctionEntry(string Name, string TriggerType, JsonElement Trigger);

public static class FunctionsMetadata
{
    public static string BuildConfiguration =>
        typeof(FunctionsMetadata).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "Configuration").Value!;

    /// <summary>The functions the Functions SDK found when it built src/Functions with this configuration.</summary>
    public static IReadOnlyList<FunctionEntry> Read()
    {
        var path = Path.Combine(RepositoryPaths.Root, "src", "Functions", "bin", BuildConfiguration, "net10.0", "functions.metadata");
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        return document.RootElement.EnumerateArray().Select(function =>
        {
            var trigger = function.GetProperty("bindings").EnumerateArray().Single(b => b.GetProperty("type").GetString()!.EndsWith("Trigger", StringComparison.Ordinal));
            return new FunctionEntry(function.GetProperty("name").GetString()!, trigger.GetProperty("type").GetString()!, trigger.Clone());
        }).ToList();
    }
}
