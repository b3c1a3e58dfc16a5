using System.Text.Json;
using GenImageFactory.Pipeline.Models;

namespace GenImageFactory.Infrastructure.Storage;

/// <summary>
/// Text bound for a table property, which holds 64 KiB (32K UTF-16 characters). Messages that quote a provider, a
/// model or a prompt can be longer, and a write refused for its size would be refused again on every retry.
/// </summary>
internal static class TableText
{
    public const int MaxChars = 30_000;

    /// <summary>The text, or its beginning and an ellipsis when it is longer than <paramref name="max"/> characters.</summary>
    public static string? Cut(string? text, int max = MaxChars)
    {
        if (text is null || text.Length <= max)
        {
            return text;
        }
        var end = max - 1;
        if (char.IsHighSurrogate(text[end - 1]))
        {
            end--;
        }
        return string.Concat(text.AsSpan(0, end), "…");
    }

    /// <summary>Failures as JSON within one property: each prompt and reason shortened if need be, then the first ones that fit.</summary>
    public static string FailuresJson(IReadOnlyList<GenerationFailure> failures)
    {
        var json = JsonSerializer.Serialize(failures);
        if (json.Length <= MaxChars)
        {
            return json;
        }
        var shortened = failures.Select(f => f with { Prompt = Cut(f.Prompt, 500)!, Reason = Cut(f.Reason, 500)! }).ToList();
        for (var kept = shortened.Count; ; kept--)
        {
            json = JsonSerializer.Serialize(shortened.Take(kept));
            if (json.Length <= MaxChars)
            {
                return json;
            }
        }
    }
}
