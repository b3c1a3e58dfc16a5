namespace GenImageFactory.Server;

/// <summary>
/// The Server's own log lines, source-generated as <c>PipelineLog</c>'s are: one place for their wording and
/// event ids. Event ids by area: 30xx the durable engine, 31xx the schedule timer.
/// </summary>
internal static partial class ServerLog
{
    [LoggerMessage(EventId = 3001, Level = LogLevel.Information, Message = "Durable worker {WorkerId} started on task hub {TaskHub}")]
    public static partial void DurableWorkerStarted(this ILogger logger, string workerId, string taskHub);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Information, Message = "Task hub {TaskHub} ready; this process runs no worker (Durable:RunWorker is false)")]
    public static partial void DurableClientStarted(this ILogger logger, string taskHub);

    [LoggerMessage(EventId = 3003, Level = LogLevel.Warning, Message = "Durable worker {WorkerId} did not stop within the shutdown time; stopping without it (its messages and leases return to the others after their timeouts)")]
    public static partial void DurableWorkerStopTimedOut(this ILogger logger, string workerId);

    [LoggerMessage(EventId = 3004, Level = LogLevel.Warning, Message = "Storage was emptied under task hub {TaskHub}: starting its engine again, which makes the hub again (work it held is gone with the storage)")]
    public static partial void DurableEngineRestarting(this ILogger logger, string taskHub);

    [LoggerMessage(EventId = 3005, Level = LogLevel.Warning, Message = "Durable worker {WorkerId} did not stop cleanly on storage that was emptied; starting a new one anyway")]
    public static partial void DurableWorkerStopFailed(this ILogger logger, Exception exception, string workerId);

    [LoggerMessage(EventId = 3101, Level = LogLevel.Error, Message = "Looking for due schedules failed")]
    public static partial void DueSchedulesNotRead(this ILogger logger, Exception exception);
}
