using System.Net.Sockets;
using Azure;

namespace GenImageFactory.Infrastructure.Storage;

/// <summary>
/// Which failures mean storage cannot answer now, rather than a fault in the request or in the factory: no answer at
/// all (unreachable, timed out), or throttling or a failure on storage's side (408, 429, 5xx) once the SDK's own
/// retries are spent; a table, queue or container that is gone (storage emptied, being made again); or any storage
/// error while its tables are not known to exist yet (the host is starting).
/// </summary>
internal static class StorageOutages
{
    public static bool IsOutage(Exception exception, bool storageReady) => Causes(exception).Any(e => e switch
    {
        RequestFailedException failed => !storageReady || failed.Status is 0 or 408 or 429 or >= 500 || IsMissingStore(failed),
        // The SDK's transport failing, or its network timeout (a TaskCanceledException wrapping it), after its retries.
        HttpRequestException or SocketException or TimeoutException => true,
        _ => false,
    });

    /// <summary>A table, queue or container that is not there: storage emptied under the host, which makes them again.</summary>
    private static bool IsMissingStore(RequestFailedException failed) => failed.ErrorCode is "TableNotFound" or "QueueNotFound" or "ContainerNotFound";

    /// <summary>The exception, its inner ones, and every one an <see cref="AggregateException"/> holds (the SDK's "retry failed").</summary>
    private static IEnumerable<Exception> Causes(Exception exception)
    {
        var pending = new Stack<Exception>([exception]);
        while (pending.TryPop(out var next))
        {
            yield return next;
            if (next is AggregateException aggregate)
            {
                foreach (var inner in aggregate.InnerExceptions)
                {
                    pending.Push(inner);
                }
            }
            else if (next.InnerException is { } inner)
            {
                pending.Push(inner);
            }
        }
    }
}
