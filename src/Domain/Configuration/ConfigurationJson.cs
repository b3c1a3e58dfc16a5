using System.Text.Json;
using System.Text.Json.Serialization;

namespace GenImageFactory.Domain.Configuration;

/// <summary>The one JSON form of a configuration (camelCase), used for snapshots and API responses.</summary>
public static class ConfigurationJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    public static string Serialize(JobConfiguration configuration) => JsonSerializer.Serialize(configuration, Options);

    public static JobConfiguration Deserialize(string json) =>
        JsonSerializer.Deserialize<JobConfiguration>(json, Options)
        ?? throw new JsonException("A configuration snapshot was empty.");
}
