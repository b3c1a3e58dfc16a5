using GenImageFactory.Domain.Configuration;

namespace GenImageFactory.Domain.Keywords;

/// <summary>
/// The keyword rows a job draws from: TXT gives one column (<c>keyword</c>), CSV gives its header's columns.
/// An empty keyword list is one empty row, so a template without placeholders still runs.
/// </summary>
public sealed class KeywordTable
{
    public const string KeywordColumn = "keyword";

    private KeywordTable(IReadOnlyList<string> columns, IReadOnlyList<string[]> rows, bool isCsv)
    {
        Columns = columns;
        Rows = rows;
        IsCsv = isCsv;
    }

    public IReadOnlyList<string> Columns { get; }
    public IReadOnlyList<string[]> Rows { get; }
    public bool IsCsv { get; }

    /// <summary>Index of a column by name, ignoring case; -1 when absent.</summary>
    public int ColumnIndex(string name)
    {
        for (var i = 0; i < Columns.Count; i++)
        {
            if (string.Equals(Columns[i], name, StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }
        return -1;
    }

    /// <summary>
    /// Parses keywords as TXT or CSV. <paramref name="format"/> <c>auto</c> picks CSV when the template
    /// names one of the first line's comma-separated columns with <c>${{Column}}</c>.
    /// Problems go to <paramref name="errors"/> under <c>keywords</c>; then null is returned.
    /// </summary>
    public static KeywordTable? Parse(string keywords, string format, string template, ValidationErrors? errors = null)
    {
        var isCsv = format switch
        {
            "csv" => true,
            "txt" => false,
            _ => LooksLikeCsvForTemplate(keywords, template),
        };
        return isCsv ? ParseCsv(keywords, errors) : ParseText(keywords);
    }

    /// <summary>Parses without a validation context; for configurations already validated.</summary>
    public static KeywordTable From(JobConfiguration configuration) =>
        Parse(configuration.Keywords, configuration.KeywordsFormat, configuration.SystemPrompt)
        ?? throw new InvalidOperationException("The configuration's keywords are invalid; it should have been rejected.");

    private static KeywordTable ParseText(string keywords)
    {
        var rows = keywords.Split('\n')
            .Select(line => line.Trim())
            .Where(line => line.Length > 0)
            .Select(line => new[] { line })
            .ToList();
        if (rows.Count == 0)
        {
            rows.Add([""]);
        }
        return new KeywordTable([KeywordColumn], rows, isCsv: false);
    }

    private static KeywordTable? ParseCsv(string keywords, ValidationErrors? errors)
    {
        var records = CsvReader.Parse(keywords, out var error);
        if (records is null)
        {
            errors?.Add("keywords", error!);
            return null;
        }
        if (records.Count < 2)
        {
            errors?.Add("keywords", "CSV keywords need a header row and at least one data row.");
            return null;
        }

        var header = records[0];
        if (header.Any(h => h.Length == 0))
        {
            errors?.Add("keywords", "Every CSV header column needs a name.");
            return null;
        }
        var duplicate = header.GroupBy(h => h, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            errors?.Add("keywords", $"CSV header column '{duplicate.Key}' appears more than once.");
            return null;
        }

        // Short rows are padded so every placeholder has a value; long rows keep only the named columns.
        var rows = records.Skip(1)
            .Select(r => Enumerable.Range(0, header.Length).Select(i => i < r.Length ? r[i] : "").ToArray())
            .ToList();
        return new KeywordTable(header, rows, isCsv: true);
    }

    private static bool LooksLikeCsvForTemplate(string keywords, string template)
    {
        var firstLine = keywords.Split('\n', 2)[0];
        if (!firstLine.Contains(','))
        {
            return false;
        }
        var header = CsvReader.Parse(firstLine, out _)?.FirstOrDefault() ?? [];
        var named = PromptTemplate.ColumnPlaceholders(template);
        return header.Any(h => named.Contains(h, StringComparer.OrdinalIgnoreCase));
    }
}
