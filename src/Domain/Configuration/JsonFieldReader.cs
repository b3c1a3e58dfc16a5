using System.Text.Json;

namespace GenImageFactory.Domain.Configuration;

/// <summary>
/// Reads typed fields from one JSON object, recording every problem under the field's path instead of
/// stopping at the first, so a client learns about all its mistakes in one round trip.
/// </summary>
internal sealed class JsonFieldReader(JsonElement obj, string prefix, ValidationErrors errors)
{
    public ValidationErrors Errors => errors;

    public string PathOf(string name) => prefix.Length == 0 ? name : $"{prefix}.{name}";

    public bool TryGet(string name, out JsonElement value)
    {
        value = default;
        if (obj.ValueKind != JsonValueKind.Object || !obj.TryGetProperty(name, out value))
        {
            return false;
        }
        return value.ValueKind != JsonValueKind.Null;
    }

    public JsonFieldReader? Object(string name)
    {
        if (!TryGet(name, out var value))
        {
            return new JsonFieldReader(default, PathOf(name), errors);
        }
        if (value.ValueKind != JsonValueKind.Object)
        {
            errors.Add(PathOf(name), "Must be an object.");
            return null;
        }
        return new JsonFieldReader(value, PathOf(name), errors);
    }

    public string String(string name, string fallback, int maxLength = int.MaxValue)
    {
        if (!TryGet(name, out var value))
        {
            return fallback;
        }
        if (value.ValueKind != JsonValueKind.String)
        {
            errors.Add(PathOf(name), "Must be a string.");
            return fallback;
        }
        string text;
        try
        {
            text = value.GetString()!;
        }
        catch (InvalidOperationException)
        {
            errors.Add(PathOf(name), "Must be valid Unicode text (it holds a lone surrogate).");
            return fallback;
        }
        if (text.Length > maxLength)
        {
            errors.Add(PathOf(name), $"Must be at most {maxLength} characters.");
        }
        return text;
    }

    public string? OptionalString(string name, int maxLength)
    {
        var text = String(name, "", maxLength);
        return string.IsNullOrWhiteSpace(text) ? null : text;
    }

    public string Choice(string name, string fallback, IReadOnlyList<string> allowed)
    {
        var text = String(name, fallback).Trim().ToLowerInvariant();
        if (!allowed.Contains(text))
        {
            errors.Add(PathOf(name), $"Must be one of: {string.Join(", ", allowed)}.");
            return fallback;
        }
        return text;
    }

    public bool Bool(string name, bool fallback)
    {
        if (!TryGet(name, out var value))
        {
            return fallback;
        }
        if (value.ValueKind is JsonValueKind.True or JsonValueKind.False)
        {
            return value.GetBoolean();
        }
        errors.Add(PathOf(name), "Must be true or false.");
        return fallback;
    }

    public int Int(string name, int fallback, int min, int max)
    {
        if (!TryGet(name, out var value))
        {
            return fallback;
        }
        if (value.ValueKind != JsonValueKind.Number || !TryGetWholeNumber(value, out var number))
        {
            errors.Add(PathOf(name), $"Must be a whole number from {min} to {max}.");
            return fallback;
        }
        if (number < min || number > max)
        {
            errors.Add(PathOf(name), $"Must be from {min} to {max}.");
        }
        return number;
    }

    public double Number(string name, double fallback, double min, double max)
    {
        if (!TryGet(name, out var value))
        {
            return fallback;
        }
        if (value.ValueKind != JsonValueKind.Number || !value.TryGetDouble(out var number) || !double.IsFinite(number))
        {
            errors.Add(PathOf(name), $"Must be a number from {min} to {max}.");
            return fallback;
        }
        if (number < min || number > max)
        {
            errors.Add(PathOf(name), $"Must be from {min} to {max}.");
        }
        return number;
    }

    /// <summary>An optional whole number (null when absent or JSON null), e.g. a per-job concurrency cap.</summary>
    public int? OptionalInt(string name, int min, int max) =>
        Optional(name, min, max, "a whole number", TryGetWholeNumber);

    /// <summary>
    /// A whole number however it is written: JSON (and JSON Schema's <c>integer</c>) does not tell 2 from 2.0 or 2e0,
    /// and a client whose numbers are all floating point sends the latter.
    /// </summary>
    private static bool TryGetWholeNumber(JsonElement value, out int number)
    {
        if (value.TryGetInt32(out number))
        {
            return true;
        }
        if (value.TryGetDecimal(out var exact) && exact == decimal.Truncate(exact) && exact is >= int.MinValue and <= int.MaxValue)
        {
            number = (int)exact;
            return true;
        }
        number = 0;
        return false;
    }

    /// <summary>An optional amount (null when absent or JSON null), e.g. a spend limit in USD.</summary>
    public decimal? OptionalDecimal(string name, decimal min, decimal max) =>
        Optional(name, min, max, "a number", (JsonElement value, out decimal number) => value.TryGetDecimal(out number));

    private delegate bool NumberReader<T>(JsonElement value, out T number);

    private T? Optional<T>(string name, T min, T max, string kind, NumberReader<T> read) where T : struct, IComparable<T>
    {
        if (!TryGet(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }
        if (value.ValueKind != JsonValueKind.Number || !read(value, out var number))
        {
            errors.Add(PathOf(name), $"Must be {kind} from {min} to {max}, or null for none.");
            return null;
        }
        if (number.CompareTo(min) < 0 || number.CompareTo(max) > 0)
        {
            errors.Add(PathOf(name), $"Must be from {min} to {max}.");
        }
        return number;
    }
}
