using GenImageFactory.Pipeline.Ports;
using Microsoft.Extensions.Logging;

namespace GenImageFactory.Pipeline.Jobs;

/// <summary>
/// Tells other jobs' batches that provider slots came free for them (<see cref="SlotExchange.Wake"/>), so each asks at
/// once instead of at its next tick while the provider sits idle. Best effort: a batch not told still asks at that tick.
/// </summary>
public sealed class SlotWaiters(IWorkflowClient workflow, ILogger<SlotWaiters> logger)
{
    public async Task WakeAsync(string provider, IReadOnlyList<string> askers)
    {
        foreach (var asker in askers)
        {
            try
            {
                await workflow.TellSlotsFreedAsync(asker, provider, CancellationToken.None);
            }
            catch (Exception ex)
            {
                logger.SlotWaiterNotTold(ex, asker, provider);
            }
        }
    }
}
