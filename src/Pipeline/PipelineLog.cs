using Microsoft.Extensions.Logging;

namespace GenImageFactory.Pipeline;

/// <summary>
/// The Pipeline's log lines, source-generated: no boxing or template parsing on the paths that run thousands of
/// times in a big job (per generation, per log flush), and one place for every line's wording and event id.
/// Event ids by area: 10xx generations, 11xx the job log, 12xx jobs, 13xx schedules, 14xx image retries.
/// </summary>
internal static partial class PipelineLog
{
    [LoggerMessage(EventId = 1001, Level = LogLevel.Warning, Message = "Generation {Index} of job {JobId} resubmitted (attempt {Attempt}) after: {Reason}")]
    public static partial void GenerationResubmitted(this ILogger logger, int index, string jobId, int attempt, string? reason);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Warning, Message = "Generation {Index} of job {JobId} failed: {Reason}")]
    public static partial void GenerationFailed(this ILogger logger, int index, string jobId, string reason);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Information, Message = "Generation {Index} of job {JobId} was submitted before (task {TaskId}); taking up that answer")]
    public static partial void SubmittedBefore(this ILogger logger, int index, string jobId, string? taskId);

    [LoggerMessage(EventId = 1020, Level = LogLevel.Warning, Message = "Generation {Index} of job {JobId}: its submission's claim could not be renewed; trying again")]
    public static partial void SubmissionClaimNotRenewed(this ILogger logger, Exception exception, int index, string jobId);

    [LoggerMessage(EventId = 1004, Level = LogLevel.Warning, Message = "A {Provider} call for task {TaskId} failed")]
    public static partial void ProviderCallFailed(this ILogger logger, Exception exception, string provider, string taskId);

    [LoggerMessage(EventId = 1005, Level = LogLevel.Warning, Message = "Storing the images of generation {Index} of job {JobId} failed")]
    public static partial void StoringImagesFailed(this ILogger logger, Exception exception, int index, string jobId);

    [LoggerMessage(EventId = 1006, Level = LogLevel.Warning, Message = "Recording progress of job {JobId} failed")]
    public static partial void ProgressNotRecorded(this ILogger logger, Exception exception, string jobId);

    [LoggerMessage(EventId = 1007, Level = LogLevel.Warning, Message = "Telling the batch that generation {Index} of job {JobId} no longer holds its provider slot failed; the slot frees when the step ends")]
    public static partial void BatchNotTold(this ILogger logger, Exception exception, int index, string jobId);

    [LoggerMessage(EventId = 1008, Level = LogLevel.Warning, Message = "Telling {Asker} that {Provider} slots came free failed; it asks at its next tick")]
    public static partial void SlotWaiterNotTold(this ILogger logger, Exception exception, string asker, string provider);

    [LoggerMessage(EventId = 1101, Level = LogLevel.Warning, Message = "Writing {Count} log line(s) of job {JobId} failed; the workflow keeps them for a later write")]
    public static partial void LogLinesNotWritten(this ILogger logger, Exception exception, int count, string jobId);

    [LoggerMessage(EventId = 1102, Level = LogLevel.Error, Message = "Writing job log lines failed unexpectedly")]
    public static partial void LogWriterFailed(this ILogger logger, Exception exception);

    [LoggerMessage(EventId = 1103, Level = LogLevel.Warning, Message = "Checking whether job {JobId} was deleted failed")]
    public static partial void DeletionCheckFailed(this ILogger logger, Exception exception, string jobId);

    [LoggerMessage(EventId = 1104, Level = LogLevel.Warning, Message = "Moving the progress of job {JobId} failed")]
    public static partial void ProgressNotMoved(this ILogger logger, Exception exception, string jobId);

    [LoggerMessage(EventId = 1201, Level = LogLevel.Information, Message = "Job {JobId} runs {Count} generations, at most {MaxConcurrency} at a time")]
    public static partial void JobPlanned(this ILogger logger, string jobId, int count, int maxConcurrency);

    [LoggerMessage(EventId = 1202, Level = LogLevel.Information, Message = "Job {JobId} ends {Status}: {Images} images, {Failed} failed generations")]
    public static partial void JobEnded(this ILogger logger, string jobId, string status, int images, int failed);

    [LoggerMessage(EventId = 1203, Level = LogLevel.Warning, Message = "Closed stuck job {JobId}: {Reason}")]
    public static partial void StuckJobClosed(this ILogger logger, string jobId, string reason);

    [LoggerMessage(EventId = 1301, Level = LogLevel.Warning, Message = "Schedule {ScheduleId} slot {Slot} was claimed but job {JobId} never started; launching it again")]
    public static partial void ScheduleRelaunching(this ILogger logger, string scheduleId, DateTimeOffset slot, string jobId);

    [LoggerMessage(EventId = 1302, Level = LogLevel.Warning, Message = "Schedule {ScheduleId} skipped slot {Slot}: its configuration {ConfigurationId} no longer exists")]
    public static partial void ScheduleConfigurationGone(this ILogger logger, string scheduleId, DateTimeOffset slot, string configurationId);

    [LoggerMessage(EventId = 1303, Level = LogLevel.Error, Message = "Schedule {ScheduleId} could not start job {JobId} for slot {Slot}")]
    public static partial void ScheduleLaunchFailed(this ILogger logger, Exception exception, string scheduleId, string jobId, DateTimeOffset slot);

    [LoggerMessage(EventId = 1304, Level = LogLevel.Information, Message = "Schedule {ScheduleId} started job {JobId} for slot {Slot}")]
    public static partial void ScheduleStartedJob(this ILogger logger, string scheduleId, string jobId, DateTimeOffset slot);

    [LoggerMessage(EventId = 1401, Level = LogLevel.Warning, Message = "Retrying image {ImageId} failed")]
    public static partial void ImageRetryFailed(this ILogger logger, Exception exception, string imageId);

    [LoggerMessage(EventId = 1402, Level = LogLevel.Warning, Message = "Post-processing image {ImageId}: {Note}")]
    public static partial void RetriedImageProcessingNote(this ILogger logger, string imageId, string note);
}
