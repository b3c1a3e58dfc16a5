using System.Text.Json;
using GenImageFactory.Pipeline.Models;

namespace GenImageFactory.Api.Exports;

/// <summary>
/// Every field of an execution, its settings snapshot included, as (name, value) pairs with dotted names
/// (<c>configuration.parameters.count</c>). Built from the record's JSON form, so a new field shows up in
/// exports without touching this code. The record holds no secret: provider keys live only in host settings.
/// </summary>
public static class JobFields
{
    public static IEnumerable<(string Name, string Value)> Of(JobRecord job)
    {
        var json = JsonSerializer.SerializeToElement(job, ConfigurationJson.Options);
        return Flatten(json, "");
    }

    private static IEnumerable<(string Name, string Value)> Flatten(JsonElement element, string name)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    foreach (var field in Flatten(property.Value, name.Length == 0 ? property.Name : $"{name}.{property.Name}"))
                    {
                        yield return field;
                    }
                }
                break;
            case JsonValueKind.Array when element.EnumerateArray().All(IsScalar):
                yield return (name, string.Join(", ", element.EnumerateArray().Select(Scalar)));
                break;
            case JsonValueKind.Array:
                var index = 0;
                foreach (var item in element.EnumerateArray())
                {
                    foreach (var field in Flatten(item, $"{name}[{index++}]"))
                    {
                        yield return field;
                    }
                }
                break;
            default:
                yield return (name, Scalar(element));
                break;
        }
    }

    private static bool IsScalar(JsonElement element) => element.ValueKind is not (JsonValueKind.Object or JsonValueKind.Array);

    private static string Scalar(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => element.GetString()!,
        JsonValueKind.Null => "",
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        _ => element.GetRawText(),
    };
}
