using System.Globalization;
using GenImageFactory.Pipeline.Models;

namespace GenImageFactory.Api.Contracts;

/// <summary>The log entry resource of the HTTP API.</summary>
public sealed record LogEntryResponse(DateTime Timestamp, string Level, string Message, int? GenerationIndex, string? ImageId)
{
    public static LogEntryResponse From(JobLogEntry entry) =>
        new(DateTime.SpecifyKind(entry.Timestamp, DateTimeKind.Utc), entry.Level, entry.Message, entry.GenerationIndex, entry.ImageId);

    /// <summary>
    /// The export line: <c>[time] [LEVEL] message</c>, the time to the tick as in JSON, so that a client following the
    /// text with <c>?after=</c> (which compares exactly) is not given again the lines of the millisecond it has seen.
    /// </summary>
    public string ToTextLine() =>
        $"[{Timestamp.ToString("yyyy-MM-ddTHH:mm:ss.fffffffZ", CultureInfo.InvariantCulture)}] [{Level.ToUpperInvariant()}] {Message}";
}
