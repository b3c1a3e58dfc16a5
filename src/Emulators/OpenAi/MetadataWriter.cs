using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using GenImageFactory.Domain.Keywords;

namespace GenImageFactory.Emulators.OpenAi;

/// <summary>
/// Answers <c>image_metadata</c> from the prompt alone. Whatever the prompt (empty, one word, a page long), the
/// answer keeps the stock-site limits a real model is asked to keep: a title of 8-12 words, a description of
/// 150-250 characters ending with a period, and exactly 15 distinct lowercase tags of one or two words.
/// </summary>
internal static partial class MetadataWriter
{
    public const int MinTitleWords = 8;
    public const int MaxTitleWords = 12;
    public const int MinDescriptionLength = 150;
    public const int MaxDescriptionLength = 250;
    public const int TagCount = 15;

    private static readonly HashSet<string> StopWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "a", "an", "the", "of", "in", "on", "at", "with", "without", "no", "and", "or", "nor", "for", "to", "from",
        "by", "is", "are", "was", "be", "as", "its", "it", "this", "that", "into", "onto", "over", "under", "very",
        "some", "any", "s",
    };

    private static readonly string[] TitleFillers =
        ["Stock", "Image", "Scene", "Artwork", "Detailed", "Colorful", "Modern", "Creative", "Visual", "Concept", "Composition", "Illustration"];

    /// <summary>At most 95 characters each, so one appended to a description under 150 never passes 250.</summary>
    private static readonly string[] DescriptionFillers =
    [
        "A carefully composed stock image with a clear subject and balanced, natural colors.",
        "Suitable for websites, editorial layouts, presentations and social media posts.",
        "Rendered in high resolution with crisp details and an uncluttered composition.",
        "Free of text, logos and watermarks, ready for commercial and creative projects.",
    ];

    /// <summary>Fifteen or more, so padding always reaches <see cref="TagCount"/> even if some collide with prompt words.</summary>
    private static readonly string[] GenericTags =
    [
        "stock photo", "background", "design", "illustration", "creative", "digital art", "colorful", "concept",
        "artwork", "modern", "graphic", "decoration", "high resolution", "composition", "visual", "scene",
        "aesthetic", "wallpaper",
    ];

    public static JsonObject Reply(string prompt)
    {
        var words = Word().Matches(prompt).Select(m => m.Value).ToList();
        var hash = StableHash.Of(prompt.Trim());
        return new JsonObject
        {
            ["title"] = Title(words, hash),
            ["description"] = Description(prompt, hash),
            ["tags"] = new JsonArray(Tags(words, hash).Select(t => (JsonNode)t).ToArray()),
        };
    }

    private static string Title(List<string> words, ulong hash)
    {
        var chosen = words.Take(MaxTitleWords).ToList();
        while (chosen.Count > MinTitleWords && StopWords.Contains(chosen[^1]))
        {
            chosen.RemoveAt(chosen.Count - 1);
        }
        foreach (var filler in Rotated(TitleFillers, hash))
        {
            if (chosen.Count >= MinTitleWords)
            {
                break;
            }
            if (!chosen.Contains(filler, StringComparer.OrdinalIgnoreCase))
            {
                chosen.Add(filler);
            }
        }
        return string.Join(' ', chosen.Select(w => char.ToUpperInvariant(w[0]) + w[1..].ToLowerInvariant()));
    }

    private static string Description(string prompt, ulong hash)
    {
        var subject = string.Join(' ', prompt.Split((char[])[' ', '\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries)).Trim(' ', '.', ',', ';', ':');
        if (subject.Length > 1 && char.IsUpper(subject[0]) && !char.IsUpper(subject[1]))
        {
            subject = char.ToLowerInvariant(subject[0]) + subject[1..];
        }
        var text = new StringBuilder(subject.Length == 0 ? "An evocative image." : $"An image of {subject}.");
        if (text.Length > MaxDescriptionLength)
        {
            var cut = text.ToString(0, MaxDescriptionLength - 1);
            var space = cut.LastIndexOf(' ');
            cut = (space > MinDescriptionLength ? cut[..space] : cut).TrimEnd(' ', '.', ',', ';', ':');
            while (cut.LastIndexOf(' ') is var last && last > MinDescriptionLength && StopWords.Contains(cut[(last + 1)..]))
            {
                cut = cut[..last].TrimEnd(' ', ',', ';', ':');
            }
            text.Clear().Append(cut).Append('.');
        }
        foreach (var filler in Rotated(DescriptionFillers, hash))
        {
            if (text.Length >= MinDescriptionLength)
            {
                break;
            }
            text.Append(' ').Append(filler);
        }
        return text.ToString();
    }

    private static List<string> Tags(List<string> words, ulong hash)
    {
        var tags = new List<string>(TagCount);
        var candidates = words
            .Select(w => w.ToLowerInvariant())
            .Where(w => !StopWords.Contains(w) && !w.All(char.IsDigit))
            .Concat(Rotated(GenericTags, hash));
        foreach (var tag in candidates)
        {
            if (tags.Count == TagCount)
            {
                break;
            }
            if (!tags.Contains(tag))
            {
                tags.Add(tag);
            }
        }
        return tags;
    }

    /// <summary>The items starting at a hash-chosen offset, so different prompts get different padding.</summary>
    private static IEnumerable<string> Rotated(string[] items, ulong hash)
    {
        var start = (int)(hash % (ulong)items.Length);
        return items.Skip(start).Concat(items.Take(start));
    }

    [GeneratedRegex(@"[\p{L}\p{N}]+(?:'[\p{L}]+)?", RegexOptions.CultureInvariant)]
    private static partial Regex Word();
}
