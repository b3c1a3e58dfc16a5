using Microsoft.DurableTask;

namespace GenImageFactory.Pipeline.Orchestrations;

/// <summary>Activities whose writes must not be lost to a storage hiccup (the log, the job's closing record).</summary>
internal static class StorageRetry
{
    /// <summary>Five attempts, backing off from a second: rides out a throttled or briefly unreachable account.</summary>
    public static readonly TaskOptions Options = TaskOptions.FromRetryPolicy(new RetryPolicy(5, TimeSpan.FromSeconds(1), 2));
}
