using Microsoft.Extensions.Logging;

namespace GenImageFactory.Emulators;

/// <summary>
/// The emulators' log lines, source-generated as <c>PipelineLog</c>'s are: one place for their wording and event
/// ids (40xx).
/// </summary>
internal static partial class EmulatorLog
{
    [LoggerMessage(EventId = 4001, Level = LogLevel.Debug, Message = "PiAPI emulator webhook to {Endpoint}: {Status}")]
    public static partial void WebhookCalled(this ILogger logger, Uri endpoint, int status);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Warning, Message = "PiAPI emulator webhook to {Endpoint} failed: {Error}")]
    public static partial void WebhookFailed(this ILogger logger, Uri endpoint, string error);
}
