using System.Globalization;
using GenImageFactory.Pipeline.Models;

namespace GenImageFactory.Api.Contracts;

/// <summary>The log entry resource of the HTTP API.</summary>
public sealed record LogEntryResponse(DateTime Timestamp, string Level, string Message, int? GenerationIndex, string? ImageId)
{
    public static LogEntryResponse From(JobLogEntry entry) =>
        new(DateTime.SpecifyKind(entry.Timestamp, DateTimeKind.Utc), entry.Level, entry.Message, entry.GenerationIndex, entry.ImageId);

    /// <summary>The export line: <c>[time] [LEVEL] message</c>.</summary>
    public string ToTextLine() =>
        $"[{Timestamp.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture)}] [{Level.ToUpperInvariant()}] {Message}";
}
