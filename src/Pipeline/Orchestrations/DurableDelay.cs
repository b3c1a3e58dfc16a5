using Microsoft.DurableTask;

namespace GenImageFactory.Pipeline.Orchestrations;

/// <summary>Durable waits that last at least as long as asked.</summary>
public static class DurableDelay
{
    /// <summary>
    /// Waits until <paramref name="due"/> on durable timers. The Azure Storage provider can fire a timer up
    /// to a second early (queue visibility is whole seconds), so it re-arms until the time has really come.
    /// </summary>
    public static async Task UntilAsync(TaskOrchestrationContext context, DateTime due, CancellationToken cancellationToken = default)
    {
        while (context.CurrentUtcDateTime < due)
        {
            await context.CreateTimer(due, cancellationToken);
        }
    }
}
