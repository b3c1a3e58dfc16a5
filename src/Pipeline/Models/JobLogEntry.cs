namespace GenImageFactory.Pipeline.Models;

/// <summary>
/// One line of a job's log. <see cref="Key"/> is derived from the workflow (step and generation), never from
/// the clock, so a replayed or retried step rewrites the same row instead of adding one.
/// </summary>
public sealed record JobLogEntry(string Key, DateTime Timestamp, string Level, string Message, int? GenerationIndex = null, string? ImageId = null);

/// <summary>Log levels as stored and shown (text export upper-cases them).</summary>
public static class JobLogLevel
{
    public const string Info = "info";
    public const string Warning = "warning";
    public const string Error = "error";

    public static readonly IReadOnlyList<string> All = [Info, Warning, Error];
}
