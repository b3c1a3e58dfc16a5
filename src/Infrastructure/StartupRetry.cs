using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;

namespace GenImageFactory.Infrastructure;

/// <summary>
/// Retries a host's start-up step until what it needs answers (storage, the durable task hub), so the process
/// and its health endpoint are up before Azurite or Azure Storage is: 250 ms doubling to 5 s, until stopped.
/// </summary>
public static class StartupRetry
{
    private static readonly TimeSpan FirstDelay = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan LongestDelay = TimeSpan.FromSeconds(5);

    /// <param name="step">What to try; it may run many times, so it starts afresh each time.</param>
    /// <param name="what">What is starting, for the warning each failed try logs.</param>
    public static ValueTask RunAsync(Func<CancellationToken, ValueTask> step, string what, ILogger logger, CancellationToken stoppingToken) =>
        new ResiliencePipelineBuilder()
            .AddRetry(new RetryStrategyOptions
            {
                // Everything is retried while the host runs: at start-up a failure means "not there yet".
                ShouldHandle = new PredicateBuilder().Handle<Exception>(_ => !stoppingToken.IsCancellationRequested),
                MaxRetryAttempts = int.MaxValue,
                BackoffType = DelayBackoffType.Exponential,
                Delay = FirstDelay,
                MaxDelay = LongestDelay,
                UseJitter = false,
                OnRetry = retry =>
                {
                    logger.StartRetrying(what, retry.Outcome.Exception?.Message, retry.RetryDelay);
                    return ValueTask.CompletedTask;
                },
            })
            .Build()
            .ExecuteAsync(step, stoppingToken);
}
