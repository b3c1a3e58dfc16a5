using Microsoft.Extensions.Logging;

namespace GenImageFactory.Infrastructure;

/// <summary>
/// The adapters' log lines, source-generated as <c>PipelineLog</c>'s are: one place for their wording and event
/// ids. Event ids by area: 20xx start-up, 21xx OpenAI, 22xx imaging.
/// </summary>
internal static partial class InfrastructureLog
{
    [LoggerMessage(EventId = 2001, Level = LogLevel.Information, Message = "Storage ready at {BlobEndpoint}")]
    public static partial void StorageReady(this ILogger logger, Uri blobEndpoint);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Warning, Message = "{What} could not start yet ({Message}); retrying in {Delay}")]
    public static partial void StartRetrying(this ILogger logger, string what, string? message, TimeSpan delay);

    [LoggerMessage(EventId = 2003, Level = LogLevel.Warning, Message = "Storage unavailable ({Message}): {Method} {Path} answered 503")]
    public static partial void StorageUnavailable(this ILogger logger, string message, string method, string path);

    [LoggerMessage(EventId = 2004, Level = LogLevel.Warning, Message = "Storage stopped answering ({Message}); the host reports it not ready until it does")]
    public static partial void StorageLost(this ILogger logger, string message);

    [LoggerMessage(EventId = 2005, Level = LogLevel.Warning, Message = "Storage answers but its tables are gone (emptied, or an emulator restarted in memory); creating them again")]
    public static partial void StorageEmptied(this ILogger logger);

    [LoggerMessage(EventId = 2101, Level = LogLevel.Warning, Message = "OpenAI {Schema} answer unusable (attempt {Attempt}): {Problem}")]
    public static partial void OpenAiAnswerUnusable(this ILogger logger, string schema, int attempt, string problem);

    [LoggerMessage(EventId = 2201, Level = LogLevel.Warning, Message = "Background removal failed; the original is kept")]
    public static partial void BackgroundRemovalFailed(this ILogger logger, Exception exception);
}
