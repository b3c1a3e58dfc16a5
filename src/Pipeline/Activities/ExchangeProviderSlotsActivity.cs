using GenImageFactory.Domain.Jobs;
using GenImageFactory.Pipeline.Jobs;
using GenImageFactory.Pipeline.Ports;
using Microsoft.DurableTask;

namespace GenImageFactory.Pipeline.Activities;

/// <param name="Running">Generation instance ids of the job in flight: they keep (and renew) their slots.</param>
/// <param name="Waiting">The next generations to start, in order: the first ones get slots as far as the cap and fairness allow.</param>
/// <param name="Asker">The batch asking: woken (<see cref="Orchestrations.RunGenerationBatchOrchestrator.SlotsFreedEvent"/>) when another job's exchange leaves it a slot.</param>
public sealed record ExchangeSlotsRequest(string Provider, string JobId, IReadOnlyList<string> Running, IReadOnlyList<string> Waiting, string? Asker = null);

/// <summary>
/// One job's trade with the provider-wide cap, once per tick: release the slots of generations that ended, renew
/// the ones in flight, take what is fairly free for waiting generations. Idempotent: the holders are the
/// generation instance ids, so a step that runs again returns the slots those holders already have. A job that has
/// ended (a cancel: a terminated batch's last episode can still send this step) takes nothing and lets go of what it holds.
/// Slots it leaves free for other jobs' waiting batches wake those batches.
/// </summary>
public sealed class ExchangeProviderSlotsActivity(IProviderSlots slots, SlotWaiters waiters, IImageProviders providers, IJobStore jobs, TimeProvider time)
    : TaskActivity<ExchangeSlotsRequest, SlotGrant>
{
    public override async Task<SlotGrant> RunAsync(TaskActivityContext context, ExchangeSlotsRequest input)
    {
        if (!JobStatus.IsActive(await jobs.GetStatusAsync(input.JobId, CancellationToken.None)))
        {
            await waiters.WakeAsync(input.Provider, await slots.ReleaseJobAsync(input.Provider, input.JobId, CancellationToken.None));
            return new SlotGrant(0, time.GetUtcNow(), OthersWaiting: false, Entitled: 0);
        }
        var exchange = await slots.ExchangeAsync(
            new SlotRequest(input.Provider, Math.Max(1, providers.MaxConcurrency(input.Provider)), input.JobId, input.Running, input.Waiting, input.Asker),
            CancellationToken.None);
        await waiters.WakeAsync(input.Provider, exchange.Wake);
        return exchange.Grant;
    }
}
