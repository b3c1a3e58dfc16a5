using System.Text.RegularExpressions;

namespace GenImageFactory.Domain.Keywords;

/// <summary>
/// Fills a system prompt template with one keyword row. <c>{keyword}</c> and <c>${keyword}</c> are the
/// row's first column; <c>${{Column}}</c> is a named column (case-insensitive). <c>${{Subject}}</c> and
/// <c>${{Keyword}}</c> fall back to the first column when no column has that name.
/// </summary>
public static partial class PromptTemplate
{
    private static readonly string[] KeywordAliases = ["subject", "keyword"];

    [GeneratedRegex(@"\$\{\{\s*(?<column>[^{}]+?)\s*\}\}|\$\{keyword\}|\{keyword\}", RegexOptions.CultureInvariant)]
    private static partial Regex Placeholder();

    /// <summary>Column names referenced as <c>${{Name}}</c>.</summary>
    public static IReadOnlyList<string> ColumnPlaceholders(string template) =>
        Placeholder().Matches(template)
            .Where(m => m.Groups["column"].Success)
            .Select(m => m.Groups["column"].Value)
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .ToList();

    /// <summary>Column placeholders that neither a column nor a keyword alias can fill.</summary>
    public static IEnumerable<string> UnknownPlaceholders(string template, KeywordTable table) =>
        ColumnPlaceholders(template).Where(name =>
            table.ColumnIndex(name) < 0 && !KeywordAliases.Contains(name, StringComparer.OrdinalIgnoreCase));

    /// <summary>
    /// The template with every placeholder replaced by the row's values. A template with no placeholder
    /// gets the keyword appended, so a list of keywords never yields identical prompts by accident.
    /// </summary>
    public static string Fill(string template, KeywordTable table, string[] row)
    {
        var keyword = row.Length > 0 ? row[0] : "";
        var replacedAny = false;
        var filled = Placeholder().Replace(template, match =>
        {
            replacedAny = true;
            if (!match.Groups["column"].Success)
            {
                return keyword;
            }
            var index = table.ColumnIndex(match.Groups["column"].Value);
            return index >= 0 ? row[index] : keyword;
        });

        if (!replacedAny && keyword.Length > 0)
        {
            filled = $"{filled.TrimEnd()}, {keyword}";
        }
        return filled.Trim();
    }
}
