using GenImageFactory.Pipeline.Activities;
using GenImageFactory.Pipeline.Ports;
using Microsoft.DurableTask;

namespace GenImageFactory.Pipeline.Orchestrations;

/// <summary>
/// A batch's side of the provider-wide cap: each exchange reports which generations run and which wait, and says
/// how many of the waiting ones may start. Replay-safe: the answers come from the activity's recorded results.
/// </summary>
internal sealed class JobSlots(TaskOrchestrationContext context, string jobId, string provider)
{
    /// <summary>How often a job with generations waiting for a slot asks again: the longest a freed slot stays idle.</summary>
    public static readonly TimeSpan Tick = TimeSpan.FromSeconds(2);

    private DateTime _renewBy = DateTime.MinValue;

    /// <summary>The leases held must be renewed by then (a job whose generations all run still wakes for it).</summary>
    public DateTime RenewBy => _renewBy;

    public bool RenewalDue => context.CurrentUtcDateTime >= _renewBy;

    /// <returns>How many of <paramref name="waiting"/> (the first ones) may start now.</returns>
    public async Task<int> ExchangeAsync(IEnumerable<int> running, IEnumerable<int> waiting)
    {
        var request = new ExchangeSlotsRequest(provider, jobId, [.. running.Select(Holder)], [.. waiting.Select(Holder)]);
        var grant = await context.CallActivityAsync<SlotGrant>(nameof(ExchangeProviderSlotsActivity), request, StorageRetry.Options);
        _renewBy = grant.RenewBy.UtcDateTime;
        return grant.Granted;
    }

    /// <summary>Frees whatever the job still holds and withdraws its claim.</summary>
    public Task ReleaseAllAsync() => ExchangeAsync([], []);

    private string Holder(int generationIndex) => GenerationInput.InstanceIdFor(jobId, generationIndex);
}
