using GenImageFactory.Domain.Configuration;
using Cronos;

namespace GenImageFactory.Domain.Schedules;

/// <summary>
/// A schedule's cron expression, in UTC: five fields (minute hour day month weekday) or six with seconds
/// first, as Azure Functions timer triggers write them.
/// </summary>
public sealed class CronSchedule
{
    private readonly CronExpression _expression;

    private CronSchedule(string text, CronExpression expression) => (Text, _expression) = (text, expression);

    public string Text { get; }

    /// <returns>Null, with <paramref name="error"/> saying why, when the text is not a cron expression.</returns>
    public static CronSchedule? TryParse(string? text, out string? error)
    {
        var trimmed = text?.Trim() ?? "";
        if (ConfigurationReader.HasControlCharacters(trimmed))
        {
            error = ConfigurationReader.NoControlCharacters;
            return null;
        }
        var fields = trimmed.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
        if (fields is not (5 or 6))
        {
            error = "Must be a cron expression of 5 fields (minute hour day month weekday) or 6 (seconds first), in UTC, e.g. \"0 6 * * *\".";
            return null;
        }
        // A job a second (or several a minute) is a runaway bill, not a schedule: at most one slot a minute.
        if (fields == 6 && !int.TryParse(trimmed.Split(' ', StringSplitOptions.RemoveEmptyEntries)[0], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out _))
        {
            error = "Must fire at most once a minute: with 6 fields, the seconds field is one number (e.g. \"0 */5 * * * *\").";
            return null;
        }
        try
        {
            var expression = CronExpression.Parse(trimmed, fields == 6 ? CronFormat.IncludeSeconds : CronFormat.Standard);
            error = null;
            return new CronSchedule(trimmed, expression);
        }
        // "H" (a jitter) parses only with a seed this factory does not give: an expression it cannot run.
        catch (Exception ex) when (ex is CronFormatException or MissingSeedException or ArgumentException or InvalidOperationException)
        {
            error = $"Is not a valid cron expression: {ex.Message}";
            return null;
        }
    }

    public static CronSchedule Parse(string text) =>
        TryParse(text, out var error) ?? throw new FormatException($"'{text}': {error}");

    /// <summary>The first slot after <paramref name="time"/>, or null when the expression never fires again.</summary>
    public DateTimeOffset? NextAfter(DateTimeOffset time) => _expression.GetNextOccurrence(time, TimeZoneInfo.Utc);

    /// <summary>
    /// The latest slot in (<paramref name="after"/>, <paramref name="upTo"/>], or null when none falls in it. An empty
    /// window (a schedule created after the caller read the clock, or by a process whose clock runs ahead) has none.
    /// </summary>
    public DateTimeOffset? LatestIn(DateTimeOffset after, DateTimeOffset upTo)
    {
        if (after >= upTo)
        {
            return null;
        }
        DateTimeOffset? latest = null;
        foreach (var slot in _expression.GetOccurrences(after, upTo, TimeZoneInfo.Utc, fromInclusive: false, toInclusive: true))
        {
            latest = slot;
        }
        return latest;
    }
}
