using Microsoft.DurableTask;

namespace GenImageFactory.Pipeline.Orchestrations;

/// <summary>Durable waits that last at least as long as asked, on as few timers as the provider allows.</summary>
public static class DurableDelay
{
    /// <summary>
    /// The least time ahead a timer is armed. The Azure Storage provider hides a timer's message for whole seconds,
    /// rounded down and counted from when the episode is saved, so a timer less than a second away fires at once:
    /// armed again for the same time, it fired at once again, an episode and four queue and table requests each
    /// time until that time had come (on the bench, two timers in three fired so). Two seconds ahead it is hidden
    /// for at least one whole second: a short wait takes up to a second longer, on one or two timers.
    /// </summary>
    public static readonly TimeSpan MinLead = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Waits until <paramref name="due"/> on durable timers; a timer that fired early (the provider can fire one up
    /// to a second early) is re-armed, at least <see cref="MinLead"/> ahead.
    /// </summary>
    public static async Task UntilAsync(TaskOrchestrationContext context, DateTime due, CancellationToken cancellationToken = default)
    {
        while (context.CurrentUtcDateTime < due)
        {
            var now = context.CurrentUtcDateTime;
            await context.CreateTimer(due - now < MinLead ? now + MinLead : due, cancellationToken);
        }
    }
}
