using System.Text.Json.Nodes;
using GenImageFactory.Domain.Keywords;

namespace GenImageFactory.Emulators.OpenAi;

/// <summary>
/// Answers <c>generation_prompt</c>: the draft with two or three style phrases appended, picked by the draft's
/// hash so the same draft always comes back the same and the caller can tell the model's work from its own.
/// </summary>
internal static class PromptEnhancer
{
    private static readonly string[] StylePhrases =
    [
        "soft natural lighting",
        "highly detailed",
        "sharp focus",
        "cinematic composition",
        "vibrant colors",
        "shallow depth of field",
        "golden hour light",
        "clean minimal background",
        "professional photography",
        "rich textures",
        "balanced composition",
        "studio lighting",
        "wide angle view",
        "muted pastel palette",
        "high dynamic range",
        "crisp details",
    ];

    public static JsonObject Reply(string draft)
    {
        var trimmed = draft.Trim().TrimEnd('.', ',', ';', ' ');
        var state = StableHash.Of(trimmed);
        var count = 2 + (int)(StableHash.SplitMix64(ref state) % 2);
        var chosen = new List<string>(count);
        while (chosen.Count < count)
        {
            var phrase = StylePhrases[StableHash.SplitMix64(ref state) % (ulong)StylePhrases.Length];
            if (!chosen.Contains(phrase))
            {
                chosen.Add(phrase);
            }
        }
        return new JsonObject { ["prompt"] = $"{trimmed}, {string.Join(", ", chosen)}" };
    }
}
