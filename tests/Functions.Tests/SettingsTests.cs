using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using GenImageFactory.Infrastructure.Providers;
using GenImageFactory.Local;

namespace GenImageFactory.Functions.Tests;

/// <summary>host.json holds the durable settings; local.settings.sample.json names every setting the Functions app reads.</summary>
public partial class SettingsTests
{
    /// <summary>The projects the Functions app is composed of (the Server's own settings are documented in README).</summary>
    private static readonly string[] FunctionsSources = ["src/Domain", "src/Pipeline", "src/Infrastructure", "src/Api", "src/Functions"];

    [GeneratedRegex("""configuration\["(?<key>[^"]+)"\]|\bGetValue(?:<\w+>)?\("(?<key>[^"]+)"|GetConnectionString\("(?<connection>[^"]+)"\)""")]
    private static partial Regex SettingRead();

    [Fact]
    public void HostJson_ParsesAndHoldsTheDurableSettings()
    {
        using var host = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.Root, "host.json")));
        var durable = host.RootElement.GetProperty("extensions").GetProperty("durableTask");
        var provider = durable.GetProperty("storageProvider");

        Assert.Equal("2.0", host.RootElement.GetProperty("version").GetString());
        // Empty: the dashboard is served at "/", and the API routes carry "api/" themselves.
        Assert.Equal("", host.RootElement.GetProperty("extensions").GetProperty("http").GetProperty("routePrefix").GetString());
        Assert.False(string.IsNullOrWhiteSpace(durable.GetProperty("hubName").GetString()));
        Assert.Equal("AzureStorage", provider.GetProperty("type").GetString());
        Assert.InRange(provider.GetProperty("partitionCount").GetInt32(), 1, 16);
        Assert.True(TimeSpan.Parse(provider.GetProperty("maxQueuePollingInterval").GetString()!) <= TimeSpan.FromSeconds(30));
        Assert.True(durable.GetProperty("maxConcurrentActivityFunctions").GetInt32() > 0);
        Assert.True(durable.GetProperty("maxConcurrentOrchestratorFunctions").GetInt32() > 0);
        Assert.True(File.Exists(Path.Combine(RepositoryPaths.Root, "src", "Functions", "bin", FunctionsMetadata.BuildConfiguration, "net10.0", "host.json")), "host.json is copied into the Functions build output");
    }

    [Fact]
    public void LocalSettingsSample_NamesEverySettingTheFunctionsAppReads_AndNoSecret()
    {
        using var sample = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.Root, "local.settings.sample.json")));
        var values = sample.RootElement.GetProperty("Values").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString());

        var read = ReadInCode().Concat(BoundOptions(typeof(ProvidersOptions), ProvidersOptions.Section)).ToHashSet();

        Assert.True(read.Count > 10, $"found only {read.Count} settings: the collection is broken");
        var missing = read.Where(key => !values.Keys.Any(name => SameSetting(key, name))).ToList();
        Assert.True(missing.Count == 0, $"local.settings.sample.json lacks: {string.Join(", ", missing)}");
        Assert.All(values.Where(v => v.Key.EndsWith("_API_KEY", StringComparison.Ordinal)), v => Assert.Equal("", v.Value));
    }

    [Fact]
    public void TheServersDurableDefaults_AgreeWithHostJson_ButNotItsTaskHub()
    {
        using var host = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.Root, "host.json")));
        var durable = host.RootElement.GetProperty("extensions").GetProperty("durableTask");
        var defaults = new Server.Durable.DurableOptions();

        Assert.Equal(durable.GetProperty("storageProvider").GetProperty("partitionCount").GetInt32(), defaults.PartitionCount);
        // One hub each: a Server and the Functions app on one storage account must not take each other's work.
        Assert.NotEqual(durable.GetProperty("hubName").GetString(), defaults.TaskHub, StringComparer.OrdinalIgnoreCase);
        Assert.Null(defaults.WorkerId);
        // Neither host keeps an orchestration in memory between episodes (a failed history write stalled the engine with them).
        Assert.False(durable.GetProperty("extendedSessionsEnabled").GetBoolean());
        Assert.Equal(0, defaults.ExtendedSessionIdleSeconds);
    }

    [Fact]
    public void LocalSettings_IsCopiedToTheBuildOutput_ButNeverPublished()
    {
        var project = XDocument.Load(Path.Combine(RepositoryPaths.Root, "src", "Functions", "Functions.csproj"));

        var item = Assert.Single(project.Descendants("None"), n => (string?)(n.Attribute("Update") ?? n.Attribute("Include")) == "local.settings.json");
        Assert.Equal("PreserveNewest", (string?)item.Attribute("CopyToOutputDirectory"));
        Assert.Equal("Never", (string?)item.Attribute("CopyToPublishDirectory"));
        Assert.Contains("src/Functions/local.settings.json", File.ReadAllLines(Path.Combine(RepositoryPaths.Root, ".gitignore")));
    }

    /// <summary>Whether a sample's setting name is the setting, '*' standing for any one segment (a dictionary key).</summary>
    private static bool SameSetting(string pattern, string name)
    {
        var (expected, actual) = (pattern.Split("__"), name.Split("__"));
        return expected.Length == actual.Length && expected.Zip(actual).All(pair => pair.First == "*" || pair.First == pair.Second);
    }

    /// <summary>Keys read by name in the source: configuration["A:B"] as A__B, GetConnectionString("X") as ConnectionStrings__X.</summary>
    private static IEnumerable<string> ReadInCode() =>
        FunctionsSources
            .SelectMany(dir => Directory.EnumerateFiles(Path.Combine(RepositoryPaths.Root, dir), "*.cs", SearchOption.AllDirectories))
            .Where(file => !file.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .SelectMany(file => SettingRead().Matches(File.ReadAllText(file)))
            .Select(m => m.Groups["connection"].Success ? $"ConnectionStrings__{m.Groups["connection"].Value}" : m.Groups["key"].Value.Replace(":", "__", StringComparison.Ordinal));

    /// <summary>Every bindable property of an options class, as environment-style keys; keys come only from *_API_KEY.</summary>
    private static IEnumerable<string> BoundOptions(Type type, string prefix)
    {
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite && p.Name != "ApiKey"))
        {
            var key = $"{prefix}__{property.Name}";
            var kind = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
            if (kind.IsPrimitive || kind == typeof(string) || kind == typeof(Uri) || kind == typeof(decimal))
            {
                yield return key;
            }
            else if (kind.IsGenericType && kind.GetGenericTypeDefinition() == typeof(List<>))
            {
                yield return $"{key}__0";
            }
            else if (kind.IsGenericType && kind.GetGenericTypeDefinition() == typeof(Dictionary<,>))
            {
                // Keyed settings (one per model): the sample shows them for one key, any key.
                foreach (var nested in BoundOptions(kind.GetGenericArguments()[1], $"{key}__*"))
                {
                    yield return nested;
                }
            }
            else
            {
                foreach (var nested in BoundOptions(kind, key))
                {
                    yield return nested;
                }
            }
        }
    }
}
