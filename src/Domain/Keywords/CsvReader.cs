using System.Text;

namespace GenImageFactory.Domain.Keywords;

/// <summary>
/// RFC 4180 CSV: comma separated, fields may be quoted, <c>""</c> is a quote inside quotes, quoted fields may span lines.
/// One pass, constant work per character: a megabyte of quotes parses in milliseconds.
/// </summary>
public static class CsvReader
{
    /// <summary>Parses every record; blank lines are skipped. Returns null and a message when a quote is never closed.</summary>
    public static List<string[]>? Parse(string text, out string? error)
    {
        error = null;
        var records = new List<string[]>();
        var fields = new List<string>();
        var field = new StringBuilder();
        var inQuotes = false;
        var fieldWasQuoted = false;
        // Whether the unquoted field so far holds more than blanks (a quote may open it only then).
        var fieldHasText = false;

        void EndField()
        {
            fields.Add(fieldWasQuoted ? field.ToString() : field.ToString().Trim());
            field.Clear();
            fieldWasQuoted = false;
            fieldHasText = false;
        }

        void EndRecord()
        {
            EndField();
            if (fields.Count > 1 || fields[0].Length > 0)
            {
                records.Add([.. fields]);
            }
            fields.Clear();
        }

        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (inQuotes)
            {
                if (c != '"')
                {
                    field.Append(c);
                    fieldHasText |= !char.IsWhiteSpace(c);
                }
                else if (i + 1 < text.Length && text[i + 1] == '"')
                {
                    field.Append('"');
                    fieldHasText = true;
                    i++;
                }
                else
                {
                    inQuotes = false;
                }
                continue;
            }

            switch (c)
            {
                case '"' when !fieldHasText:
                    field.Clear();
                    inQuotes = true;
                    fieldWasQuoted = true;
                    break;
                case ',':
                    EndField();
                    break;
                case '\r':
                    break;
                case '\n':
                    EndRecord();
                    break;
                default:
                    field.Append(c);
                    fieldHasText |= !char.IsWhiteSpace(c);
                    break;
            }
        }

        if (inQuotes)
        {
            error = "A quoted CSV field is never closed.";
            return null;
        }
        EndRecord();
        return records;
    }
}
