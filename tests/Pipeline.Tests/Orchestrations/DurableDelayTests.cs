using GenImageFactory.Pipeline.Orchestrations;

namespace GenImageFactory.Pipeline.Tests.Orchestrations;

public class DurableDelayTests
{
    private static ScriptedOrchestrationContext Context() => new((_, call) => throw new InvalidOperationException($"No activity expected: {call.Name}"), timersWait: true);

    [Fact]
    public void ATimerThatFiresEarly_IsArmedAgainAtLeastTheLeadAhead_NotForTheSameTime()
    {
        var context = Context();
        var due = context.CurrentUtcDateTime.AddSeconds(5);

        var wait = DurableDelay.UntilAsync(context, due);
        context.PendingTimers[0].Fire(early: TimeSpan.FromMilliseconds(400));

        Assert.False(wait.IsCompleted);
        Assert.Equal([due, due - TimeSpan.FromMilliseconds(400) + DurableDelay.MinLead], context.Timers);
        context.PendingTimers[1].Fire();
        Assert.True(wait.IsCompletedSuccessfully);
        Assert.True(context.CurrentUtcDateTime >= due);
    }

    [Fact]
    public void AWaitShorterThanTheLead_ArmsOneTimerTheLeadAhead()
    {
        var context = Context();
        var start = context.CurrentUtcDateTime;

        var wait = DurableDelay.UntilAsync(context, start.AddMilliseconds(500));
        context.PendingTimers[0].Fire();

        Assert.True(wait.IsCompletedSuccessfully);
        Assert.Equal([start + DurableDelay.MinLead], context.Timers);
    }

    [Fact]
    public void AWaitWhoseTimeHasCome_ArmsNoTimer()
    {
        var context = Context();

        var wait = DurableDelay.UntilAsync(context, context.CurrentUtcDateTime);

        Assert.True(wait.IsCompletedSuccessfully);
        Assert.Empty(context.Timers);
    }
}
