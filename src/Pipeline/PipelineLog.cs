using Microsoft.Extensions.Logging;

namespace GenImageFactory.Pipeline;

/// <summary>
/// The log lines written per generation or per log flush, source-generated: no boxing or template parsing on
/// these paths, which run thousands of times in a big job, and one place for their wording and event ids.
/// </summary>
internal static partial class PipelineLog
{
    [LoggerMessage(EventId = 1001, Level = LogLevel.Warning, Message = "Generation {Index} of job {JobId} resubmitted (attempt {Attempt}) after: {Reason}")]
    public static partial void GenerationResubmitted(this ILogger logger, int index, string jobId, int attempt, string? reason);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Warning, Message = "Generation {Index} of job {JobId} failed: {Reason}")]
    public static partial void GenerationFailed(this ILogger logger, int index, string jobId, string reason);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Information, Message = "Generation {Index} of job {JobId} was submitted before as task {TaskId}; polling that one")]
    public static partial void SubmittedBefore(this ILogger logger, int index, string jobId, string taskId);

    [LoggerMessage(EventId = 1004, Level = LogLevel.Warning, Message = "A {Provider} call for task {TaskId} failed")]
    public static partial void ProviderCallFailed(this ILogger logger, Exception exception, string provider, string taskId);

    [LoggerMessage(EventId = 1005, Level = LogLevel.Warning, Message = "Storing the images of generation {Index} of job {JobId} failed")]
    public static partial void StoringImagesFailed(this ILogger logger, Exception exception, int index, string jobId);

    [LoggerMessage(EventId = 1006, Level = LogLevel.Warning, Message = "Recording progress of job {JobId} failed")]
    public static partial void ProgressNotRecorded(this ILogger logger, Exception exception, string jobId);

    [LoggerMessage(EventId = 1101, Level = LogLevel.Warning, Message = "Writing {Count} log line(s) of job {JobId} failed; the workflow keeps them for a later write")]
    public static partial void LogLinesNotWritten(this ILogger logger, Exception exception, int count, string jobId);

    [LoggerMessage(EventId = 1102, Level = LogLevel.Error, Message = "Writing job log lines failed unexpectedly")]
    public static partial void LogWriterFailed(this ILogger logger, Exception exception);

    [LoggerMessage(EventId = 1103, Level = LogLevel.Warning, Message = "Checking whether job {JobId} was deleted failed")]
    public static partial void DeletionCheckFailed(this ILogger logger, Exception exception, string jobId);

    [LoggerMessage(EventId = 1104, Level = LogLevel.Warning, Message = "Moving the progress of job {JobId} failed")]
    public static partial void ProgressNotMoved(this ILogger logger, Exception exception, string jobId);
}
