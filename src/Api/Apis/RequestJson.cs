using System.Text.Json;

namespace GenImageFactory.Api.Apis;

internal static class RequestJson
{
    /// <summary>Where <see cref="ReadAsync"/> leaves, for <see cref="BodyProblem"/>, the field that made a parsed body unreadable.</summary>
    private const string UnreadableField = "GenImageFactory.UnreadableBodyField";

    /// <summary>
    /// The request body as a JSON document, or null when it is empty, not JSON, nested too deep, names a property
    /// twice in one object (which of the two counts would be a guess, and parsers differ), or holds text that is not
    /// valid Unicode (a lone surrogate escape): every string is checked here once, so no handler meets one later as an
    /// exception. A body over the route's size limit throws (413).
    /// </summary>
    public static async Task<JsonDocument?> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        JsonDocument document;
        try
        {
            document = await JsonDocument.ParseAsync(request.Body, default, cancellationToken);
        }
        catch (JsonException)
        {
            return null;
        }
        if (FirstUnreadable(document.RootElement, "") is not { } unreadable)
        {
            return document;
        }
        request.HttpContext.Items[UnreadableField] = unreadable;
        document.Dispose();
        return null;
    }

    /// <summary>
    /// The 400 for a body that <see cref="ReadAsync"/> could not read, or that is not what the route reads: it names the
    /// field whose text or repeated name made the body unreadable, or else <c>body</c> with <paramref name="expected"/>.
    /// </summary>
    public static ValidationProblem BodyProblem(HttpRequest request, string expected) => ApiProblems.Invalid(BodyErrors(request, expected));

    /// <inheritdoc cref="BodyProblem"/>
    public static ValidationErrors BodyErrors(HttpRequest request, string expected) => BodyErrors(request, "body", expected);

    /// <summary>The same, naming <paramref name="field"/> when nothing made the body unreadable (a route of one field).</summary>
    public static ValidationErrors BodyErrors(HttpRequest request, string field, string expected)
    {
        var errors = new ValidationErrors();
        if (request.HttpContext.Items[UnreadableField] is (string unreadable, string message))
        {
            errors.Add(unreadable, message);
        }
        else
        {
            errors.Add(field, expected);
        }
        return errors;
    }

    /// <summary>The first field (as the validation errors name fields: <c>configuration.parameters.count</c>, <c>ids[2]</c>) that cannot be read, and why.</summary>
    private static (string Field, string Message)? FirstUnreadable(JsonElement element, string path)
    {
        const string NotUnicode = "Must be valid Unicode text: it holds a lone surrogate escape.";
        switch (element.ValueKind)
        {
            case JsonValueKind.String:
                return IsText(element) ? null : (FieldAt(path), NotUnicode);
            case JsonValueKind.Array:
                var index = 0;
                foreach (var item in element.EnumerateArray())
                {
                    if (FirstUnreadable(item, $"{FieldAt(path)}[{index++}]") is { } unreadable)
                    {
                        return unreadable;
                    }
                }
                return null;
            case JsonValueKind.Object:
                var names = new HashSet<string>(StringComparer.Ordinal);
                foreach (var property in element.EnumerateObject())
                {
                    if (NameOf(property) is not { } name)
                    {
                        return (FieldAt(path), $"{NotUnicode[..^1]} in a property's name.");
                    }
                    var field = path.Length == 0 ? name : $"{path}.{name}";
                    if (!names.Add(name))
                    {
                        return (field, "Is given more than once: which one counts would be a guess.");
                    }
                    if (FirstUnreadable(property.Value, field) is { } unreadable)
                    {
                        return unreadable;
                    }
                }
                return null;
            default:
                return null;
        }

        static string FieldAt(string path) => path.Length == 0 ? "body" : path;
    }

    private static bool IsText(JsonElement text)
    {
        try
        {
            _ = text.GetString();
            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    private static string? NameOf(JsonProperty property)
    {
        try
        {
            return property.Name;
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    /// <summary>A string field of a request object, or null when it is missing or not a string (the caller says what it must be).</summary>
    public static string? OptionalString(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    /// <summary>An optional true/false field of a request object; anything else is an error on that field.</summary>
    public static bool OptionalBool(JsonElement root, string name, bool fallback, ValidationErrors errors)
    {
        if (!root.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return fallback;
        }
        if (value.ValueKind is JsonValueKind.True or JsonValueKind.False)
        {
            return value.GetBoolean();
        }
        errors.Add(name, "Must be true or false.");
        return fallback;
    }
}
