using GenImageFactory.Pipeline.Models;

namespace GenImageFactory.Pipeline.Images;

/// <summary>
/// How search sees an image: the words of its prompt, title, description and tags, in lower case, letters and
/// digits only. A query matches when each of its words begins some word of the image ("sun" finds "sunset").
/// The search index files an image under the first <see cref="KeyLength"/> characters of each of its words, so a
/// query word that long or longer names one index partition whose entries are then checked against the record.
/// </summary>
public static class SearchWords
{
    public const int KeyLength = 3;

    /// <summary>Words so common in prompts and descriptions that their partitions would list nearly every image.</summary>
    private static readonly HashSet<string> Unindexed = ["the", "and", "with", "for", "from", "that", "this", "are", "its", "into", "over"];

    public static IReadOnlyList<string> Of(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return [];
        }
        var words = new List<string>();
        var start = -1;
        for (var i = 0; i <= text.Length; i++)
        {
            var inWord = i < text.Length && char.IsLetterOrDigit(text[i]);
            if (inWord && start < 0)
            {
                start = i;
            }
            else if (!inWord && start >= 0)
            {
                words.Add(text[start..i].ToLowerInvariant());
                start = -1;
            }
        }
        return words;
    }

    public static IReadOnlySet<string> Of(ImageRecord image) =>
        new[] { image.Prompt, image.Metadata?.Title, image.Metadata?.Description }
            .Concat(image.Metadata?.Tags ?? [])
            .SelectMany(Of)
            .ToHashSet();

    /// <summary>The index partitions an image is filed under, each with the image's words that begin with its key.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> FilingOf(ImageRecord image) =>
        Of(image).Where(IsIndexed).GroupBy(KeyOf).ToDictionary(g => g.Key, g => (IReadOnlyList<string>)g.ToList());

    public static string KeyOf(string word) => word[..KeyLength];

    /// <summary>
    /// The partitions a query reads, each with the query words an entry there must begin a word with; none when every
    /// word is too short or too common to name one.
    /// </summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> IndexedKeysOf(IReadOnlyList<string> query) =>
        query.Where(IsIndexed).Distinct().GroupBy(KeyOf).ToDictionary(g => g.Key, g => (IReadOnlyList<string>)g.ToList());

    private static bool IsIndexed(string word) => word.Length >= KeyLength && !Unindexed.Contains(word);

    public static bool Matches(ImageRecord image, IReadOnlyList<string> query)
    {
        if (query.Count == 0)
        {
            return true;
        }
        var words = Of(image);
        return query.All(q => words.Any(w => w.StartsWith(q, StringComparison.Ordinal)));
    }
}
