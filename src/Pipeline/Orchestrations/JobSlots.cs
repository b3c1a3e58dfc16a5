using GenImageFactory.Pipeline.Activities;
using GenImageFactory.Pipeline.Ports;
using Microsoft.DurableTask;

namespace GenImageFactory.Pipeline.Orchestrations;

/// <summary>
/// A batch's side of the provider-wide cap. It asks (one exchange at a time, not awaited, so generations keep
/// ending and starting meanwhile) with the generations that run and the ones that wait, and learns how many of
/// the waiting may start. A job alone hands an ending generation's slot to its next one and asks once a tick at
/// most; with others waiting it asks at every ending, so a freed slot reaches them. Replay-safe: every answer is
/// an activity's recorded result.
/// </summary>
internal sealed class JobSlots(TaskOrchestrationContext context, string jobId, string provider)
{
    /// <summary>How often a job with generations waiting for a slot asks again: the longest a freed slot stays idle.</summary>
    public static readonly TimeSpan Tick = TimeSpan.FromSeconds(2);

    private Task<SlotGrant>? _asking;
    private IReadOnlyList<int> _asked = [];
    private DateTime _renewBy = DateTime.MinValue;
    private DateTime _nextAskAt = DateTime.MinValue;
    private bool _othersWaiting = true;
    private bool _releasedAll;
    private DateTime _lastAskAt = DateTime.MinValue;

    /// <summary>The exchange under way, if any: an orchestration waits on it beside its generations.</summary>
    public Task? Asking => _asking;

    public bool Answered => _asking is { IsCompleted: true };

    /// <summary>False once an answered ask named nothing running or waiting: the job then holds no slot and no claim.</summary>
    public bool MayHoldAny => _asking is not null || !_releasedAll;

    /// <summary>
    /// Nobody else waited at the last answer, so an ending generation's slot may go straight to this job's next
    /// one (the slot row stays held meanwhile, so the cap holds; the next exchange writes the new holder).
    /// </summary>
    public bool MayHandOver => !_othersWaiting;

    /// <summary>
    /// Time to ask: leases need renewing; something ended (its slot goes back to the pool — at once when others wait,
    /// else within a tick, since a job alone hands its slots on itself); or generations wait and the tick is over.
    /// </summary>
    public bool ShouldAsk(bool ended, bool waiting) => _asking is null && context.CurrentUtcDateTime >= NextAskAt(ended, waiting);

    /// <summary>When to ask next if nothing else happens first.</summary>
    public DateTime NextAskAt(bool ended, bool waiting)
    {
        var at = _renewBy;
        if (ended)
        {
            at = Min(at, MayHandOver ? _lastAskAt + Tick : DateTime.MinValue);
        }
        return waiting ? Min(at, _nextAskAt) : at;
    }

    public void Ask(IReadOnlyCollection<int> running, IReadOnlyList<int> waiting)
    {
        _asked = waiting;
        _lastAskAt = context.CurrentUtcDateTime;
        _releasedAll = running.Count == 0 && waiting.Count == 0;
        _asking = context.CallActivityAsync<SlotGrant>(nameof(ExchangeProviderSlotsActivity),
            new ExchangeSlotsRequest(provider, jobId, [.. running.Select(Holder)], [.. waiting.Select(Holder)]), StorageRetry.Options);
    }

    /// <returns>The waiting generations (of the last ask) that now hold a slot.</returns>
    public async Task<IReadOnlyList<int>> GrantedAsync()
    {
        var grant = await _asking!;
        _asking = null;
        _renewBy = grant.RenewBy.UtcDateTime;
        _othersWaiting = grant.OthersWaiting;
        if (grant.Granted < _asked.Count)
        {
            _nextAskAt = context.CurrentUtcDateTime + Tick;
        }
        return [.. _asked.Take(grant.Granted)];
    }

    /// <summary>Frees whatever the job still holds and withdraws its claim.</summary>
    public Task ReleaseAllAsync() =>
        context.CallActivityAsync<SlotGrant>(nameof(ExchangeProviderSlotsActivity), new ExchangeSlotsRequest(provider, jobId, [], []), StorageRetry.Options);

    private static DateTime Min(DateTime a, DateTime b) => a < b ? a : b;

    private string Holder(int generationIndex) => GenerationInput.InstanceIdFor(jobId, generationIndex);
}
