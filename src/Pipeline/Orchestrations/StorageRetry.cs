using Microsoft.DurableTask;

namespace GenImageFactory.Pipeline.Orchestrations;

/// <summary>
/// Steps whose work must not be lost to a storage hiccup: a generation's steps (a paid-for task and its images), the
/// log, the job's closing record. Each is safe to run again.
/// </summary>
internal static class StorageRetry
{
    /// <summary>Five attempts, backing off from a second: rides out a throttled or briefly unreachable account.</summary>
    public static readonly TaskOptions Options = TaskOptions.FromRetryPolicy(new RetryPolicy(5, TimeSpan.FromSeconds(1), 2));
}
