namespace GenImageFactory.Domain.Images;

/// <summary>
/// What stock sites accept as image metadata: a title of 8-12 words, a description of 150-250
/// characters, exactly 15 distinct tags. Model output that breaks these is repaired when that loses nothing
/// essential (trimming extra), and reported when it cannot be (too little to work with).
/// </summary>
public static class MetadataRules
{
    public const int MinTitleWords = 8;
    public const int MaxTitleWords = 12;
    public const int MinDescriptionChars = 150;
    public const int MaxDescriptionChars = 250;
    public const int TagCount = 15;

    /// <summary>Adobe Stock's title limit; a title of twelve words is far shorter unless a "word" is not one.</summary>
    public const int MaxTitleChars = 200;

    /// <summary>A keyword of a few words; longer ones are not tags and are left out.</summary>
    public const int MaxTagChars = 50;

    /// <summary>The repaired metadata, or null with the problems that no trimming can fix.</summary>
    public static (string Title, string Description, IReadOnlyList<string> Tags)? Repair(
        string? title, string? description, IEnumerable<string?>? tags, out IReadOnlyList<string> problems)
    {
        var found = new List<string>();
        var words = (title ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (words.Length < MinTitleWords)
        {
            found.Add($"title has {words.Length} words (needs {MinTitleWords}-{MaxTitleWords})");
        }

        var kept = string.Join(' ', words.Take(MaxTitleWords));
        if (kept.Length > MaxTitleChars)
        {
            found.Add($"title has {kept.Length} characters (needs at most {MaxTitleChars})");
        }

        var text = (description ?? "").Trim();
        if (text.Length < MinDescriptionChars)
        {
            found.Add($"description has {text.Length} characters (needs {MinDescriptionChars}-{MaxDescriptionChars})");
        }

        var distinct = (tags ?? [])
            .Select(t => t?.Trim().ToLowerInvariant() ?? "")
            .Where(t => t.Length is > 0 and <= MaxTagChars)
            .Distinct()
            .ToList();
        if (distinct.Count < TagCount)
        {
            found.Add($"{distinct.Count} distinct tags (needs {TagCount})");
        }

        problems = found;
        return found.Count > 0
            ? null
            : (kept, TrimToWords(text, MaxDescriptionChars), distinct.Take(TagCount).ToList());
    }

    public static bool IsValid(string title, string description, IReadOnlyList<string> tags)
    {
        var words = title.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
        return words is >= MinTitleWords and <= MaxTitleWords && title.Length <= MaxTitleChars
            && tags.All(t => t.Length <= MaxTagChars)
            && description.Length is >= MinDescriptionChars and <= MaxDescriptionChars
            && tags.Count == TagCount && tags.Distinct(StringComparer.OrdinalIgnoreCase).Count() == TagCount;
    }

    /// <summary>Cuts at the last word boundary that fits, ending with a full stop.</summary>
    private static string TrimToWords(string text, int max)
    {
        if (text.Length <= max)
        {
            return text;
        }
        var cut = text[..(max - 1)];
        var space = cut.LastIndexOf(' ');
        return (space > MinDescriptionChars ? cut[..space] : cut).TrimEnd(',', ';', ':', ' ', '.') + ".";
    }
}
