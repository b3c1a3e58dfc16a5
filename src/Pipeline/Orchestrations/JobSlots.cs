using GenImageFactory.Pipeline.Activities;
using GenImageFactory.Pipeline.Ports;
using Microsoft.DurableTask;

namespace GenImageFactory.Pipeline.Orchestrations;

/// <summary>
/// A batch's side of the provider-wide cap. It asks (one exchange at a time, not awaited, so generations keep
/// ending and starting meanwhile) with the generations that run and the ones that wait, and learns how many of
/// the waiting may start. A job within its fair share of the cap (alone, or with others at theirs) hands an ending
/// generation's slot to its next one and asks once a tick at most; above its share it asks at every ending, so the
/// freed slot reaches the jobs below theirs. Replay-safe: every answer is an activity's recorded result.
/// </summary>
internal sealed class JobSlots(TaskOrchestrationContext context, string jobId, string provider)
{
    /// <summary>
    /// How often a job with generations waiting for a slot asks again: the longest a freed slot stays idle when its
    /// waking (<see cref="Woken"/>) is lost.
    /// </summary>
    public static readonly TimeSpan Tick = TimeSpan.FromSeconds(2);

    private Task<SlotGrant>? _asking;
    private IReadOnlyList<int> _asked = [];
    private DateTime _renewBy = DateTime.MinValue;
    private DateTime _nextAskAt = DateTime.MinValue;
    private bool _othersWaiting = true;
    private int _entitled;
    private bool _handedOver;
    private bool _releasedAll;
    private DateTime _lastAskAt = DateTime.MinValue;
    private bool _wokenWhileAsking;

    /// <summary>The exchange under way, if any: an orchestration waits on it beside its generations.</summary>
    public Task? Asking => _asking;

    public bool Answered => _asking is { IsCompleted: true };

    /// <summary>False once an answered ask named nothing running or waiting: the job then holds no slot and no claim.</summary>
    public bool MayHoldAny => _asking is not null || !_releasedAll;

    /// <summary>
    /// An ending generation's slot may go straight to this job's next one: nobody else waited at the last answer,
    /// or the job, with <paramref name="running"/> in flight, stays within its fair share. The slot row stays held
    /// meanwhile, so the cap holds; the next exchange writes the new holder.
    /// </summary>
    public bool MayHandOver(int running) => !_othersWaiting || running < _entitled;

    /// <summary>A slot went to the job's next generation: the next ask (within a tick) writes its new holder.</summary>
    public void HandedOver() => _handedOver = true;

    /// <summary>
    /// Time to ask: leases need renewing; a slot came free (<paramref name="released"/>: back to the pool at once when
    /// others wait, else within a tick) or was handed over (within a tick); or generations wait and the tick is over.
    /// </summary>
    public bool ShouldAsk(bool released, bool waiting) => _asking is null && context.CurrentUtcDateTime >= NextAskAt(released, waiting);

    /// <summary>When to ask next if nothing else happens first.</summary>
    public DateTime NextAskAt(bool released, bool waiting)
    {
        var at = _renewBy;
        if (_handedOver || (released && !_othersWaiting))
        {
            at = Min(at, _lastAskAt + Tick);
        }
        if (released && _othersWaiting)
        {
            at = DateTime.MinValue;
        }
        return waiting ? Min(at, _nextAskAt) : at;
    }

    /// <summary>
    /// Another job's exchange left slots free for this one (<see cref="RunGenerationBatchOrchestrator.SlotsFreedEvent"/>):
    /// waiting generations ask now, not at the tick; if an ask is under way, which may have read the table before, once more after it.
    /// </summary>
    public void Woken()
    {
        if (_asking is null)
        {
            _nextAskAt = DateTime.MinValue;
        }
        else
        {
            _wokenWhileAsking = true;
        }
    }

    public void Ask(IReadOnlyCollection<int> running, IReadOnlyList<int> waiting)
    {
        _asked = waiting;
        _lastAskAt = context.CurrentUtcDateTime;
        _handedOver = false;
        _releasedAll = running.Count == 0 && waiting.Count == 0;
        _asking = ExchangeAsync(new ExchangeSlotsRequest(provider, jobId, [.. running.Select(Holder)], [.. waiting.Select(Holder)], context.InstanceId));
    }

    /// <returns>The waiting generations (of the last ask) that now hold a slot.</returns>
    public async Task<IReadOnlyList<int>> GrantedAsync()
    {
        var grant = await _asking!;
        _asking = null;
        _renewBy = grant.RenewBy.UtcDateTime;
        _othersWaiting = grant.OthersWaiting;
        _entitled = grant.Entitled;
        if (grant.Granted < _asked.Count)
        {
            _nextAskAt = _wokenWhileAsking ? context.CurrentUtcDateTime : context.CurrentUtcDateTime + Tick;
        }
        _wokenWhileAsking = false;
        return [.. _asked.Take(grant.Granted)];
    }

    /// <summary>Frees whatever the job still holds and withdraws its claim.</summary>
    public Task ReleaseAllAsync() => ExchangeAsync(new ExchangeSlotsRequest(provider, jobId, [], []));

    // A grant always says until when its leases hold: an answer without that time is another step's.
    private Task<SlotGrant> ExchangeAsync(ExchangeSlotsRequest request) =>
        OwnAnswers.CallAsync<SlotGrant>(context, nameof(ExchangeProviderSlotsActivity), request, StorageRetry.Options, g => g.RenewBy != default);

    private static DateTime Min(DateTime a, DateTime b) => a < b ? a : b;

    private string Holder(int generationIndex) => GenerationInput.InstanceIdFor(jobId, generationIndex);
}
