namespace GenImageFactory.Pipeline.Ports;

/// <summary>
/// What one job asks of its provider's slots: <paramref name="Running"/> keep theirs (renewed), the first
/// slots free by the fairness rule go to <paramref name="Waiting"/> in order, and any other slot the job
/// holds is released. Holders are generation instance ids, so asking again gives the same answer.
/// </summary>
/// <param name="Capacity">The provider account's cap: slots in flight across all jobs and processes.</param>
/// <param name="Asker">The orchestration asking (the job's batch): kept with the job's claim, so an exchange that leaves a slot free for this job can wake it.</param>
public sealed record SlotRequest(string Provider, int Capacity, string JobId, IReadOnlyList<string> Running, IReadOnlyList<string> Waiting, string? Asker = null);

/// <param name="Granted">How many of the request's waiting holders now hold a slot (the first ones).</param>
/// <param name="RenewBy">Ask again by then, or the job's leases begin to run out.</param>
/// <param name="OthersWaiting">Other jobs wait for slots: a slot this job frees may be theirs to take.</param>
/// <param name="Entitled">
/// The job's fair share of the cap (<see cref="Models.FairShare.Entitled"/>): while it runs no more than this, an ending
/// generation's slot is its own to reuse even when others wait, since they are at their share too.
/// </param>
public sealed record SlotGrant(int Granted, DateTimeOffset RenewBy, bool OthersWaiting, int Entitled);

/// <param name="Wake">
/// The askers of other jobs waiting for slots that this exchange left free to them by the fairness rule: told at once,
/// they take those slots now instead of at their next tick (the provider would sit idle meanwhile).
/// </param>
public sealed record SlotExchange(SlotGrant Grant, IReadOnlyList<string> Wake);

/// <summary>
/// The provider-wide concurrency cap, shared fairly by every job and every worker process on the account.
/// Slots are leases that expire, so a holder that vanishes (a killed process) frees its slots in time.
/// </summary>
public interface IProviderSlots
{
    /// <summary>How long a slot is held without being renewed.</summary>
    TimeSpan Lease { get; }

    Task<SlotExchange> ExchangeAsync(SlotRequest request, CancellationToken cancellationToken);

    /// <summary>Frees every slot the job holds and withdraws its claim (a cancel, or a job that ended abnormally).</summary>
    /// <returns>The askers of other jobs waiting for the slots freed (as <see cref="SlotExchange.Wake"/>).</returns>
    Task<IReadOnlyList<string>> ReleaseJobAsync(string provider, string jobId, CancellationToken cancellationToken);
}
