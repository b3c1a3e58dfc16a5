namespace GenImageFactory.Api.Exports;

/// <summary>Values as Excel can hold them.</summary>
public static class ExcelCells
{
    /// <summary>Excel refuses cells longer than this.</summary>
    public const int MaxTextLength = 32767;

    /// <summary>Long text (a keyword list can be 1 MiB) is cut to fit a cell, saying so.</summary>
    public static string Text(string? value)
    {
        if (value is null || value.Length <= MaxTextLength)
        {
            return value ?? "";
        }
        var note = $" ... [cut: {value.Length} characters in full]";
        return value[..(MaxTextLength - note.Length)] + note;
    }

    /// <summary>Times as Excel dates (UTC), so a sheet can sort and filter them.</summary>
    public static DateTime? Time(DateTimeOffset? value) => value?.UtcDateTime;

    public static string Tags(IReadOnlyList<string>? tags) => tags is null ? "" : string.Join(", ", tags);
}
