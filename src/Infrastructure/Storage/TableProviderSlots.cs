using Azure;
using Azure.Data.Tables;
using GenImageFactory.Pipeline.Ports;
using static GenImageFactory.Infrastructure.Storage.ProviderSlotRows;

namespace GenImageFactory.Infrastructure.Storage;

/// <summary>
/// The <c>ProviderSlots</c> table: PK provider name, one partition per provider account, so every job and every
/// process on the storage account sees one set of slots. An exchange is one partition read and, when anything
/// changes, one transaction whose writes are all conditional on that read; losing a race means reading again.
/// </summary>
/// <remarks>See docs/architecture.md ("Provider slots") for the leases, the claims and the fairness rule.</remarks>
public sealed class TableProviderSlots(TableServiceClient tables, TimeProvider time) : IProviderSlots
{
    /// <summary>Rounds before giving up on a contended partition (the activity's retry policy takes it from there).</summary>
    private const int MaxRounds = 30;

    private readonly TableClient _table = tables.GetTableClient(StorageNames.ProviderSlotsTable);

    /// <summary>Long enough that a busy orchestration renews in time; short enough that a crash frees slots soon.</summary>
    public TimeSpan Lease { get; } = TimeSpan.FromMinutes(2);

    public Task<SlotExchange> ExchangeAsync(SlotRequest request, CancellationToken cancellationToken) =>
        WithRetriesAsync(request.Provider, rows =>
        {
            var plan = SlotExchangePlan.Make(rows, request, time.GetUtcNow(), Lease, Random.Shared);
            return (plan.Actions, new SlotExchange(new SlotGrant(plan.Granted, plan.RenewBy, plan.OthersWaiting, plan.Entitled), plan.Wake));
        }, cancellationToken);

    public Task<IReadOnlyList<string>> ReleaseJobAsync(string provider, string jobId, CancellationToken cancellationToken) =>
        WithRetriesAsync(provider, rows =>
        {
            var now = time.GetUtcNow();
            var freed = rows.Where(r => SlotIndex(r) is not null && JobId(r) == jobId && Holder(r).Length > 0)
                .Select(slot => new TableTransactionAction(TableTransactionActionType.UpdateReplace, Freed(slot, now), slot.ETag))
                .ToList();
            var actions = freed
                .Concat(rows.Where(r => r.RowKey == ClaimKey(jobId)).Select(claim => new TableTransactionAction(TableTransactionActionType.Delete, claim, claim.ETag)))
                .ToList();
            return (actions, SlotExchangePlan.WakingOnRelease(rows, jobId, freed.Count, now));
        }, cancellationToken);

    private Task<T> WithRetriesAsync<T>(string provider, Func<IReadOnlyList<TableEntity>, (List<TableTransactionAction> Actions, T Result)> plan, CancellationToken cancellationToken) =>
        OptimisticWrites.RunAsync(MaxRounds, async () =>
        {
            var rows = new List<TableEntity>();
            await foreach (var row in _table.QueryAsync<TableEntity>(r => r.PartitionKey == provider, cancellationToken: cancellationToken))
            {
                rows.Add(row);
            }
            var (actions, result) = plan(rows);
            // A transaction holds at most 100 writes; a later chunk that loses a race is planned again from a fresh read.
            foreach (var chunk in actions.Chunk(100))
            {
                await _table.SubmitTransactionAsync(chunk, cancellationToken);
            }
            return result;
        }, cancellationToken, time);
}
