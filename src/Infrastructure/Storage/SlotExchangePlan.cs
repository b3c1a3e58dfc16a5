using Azure;
using Azure.Data.Tables;
using GenImageFactory.Pipeline.Models;
using GenImageFactory.Pipeline.Ports;
using static GenImageFactory.Infrastructure.Storage.ProviderSlotRows;

namespace GenImageFactory.Infrastructure.Storage;

/// <summary>
/// The writes one exchange needs, computed from a read of the provider's partition: release what the job no
/// longer runs, renew leases past half their time, take free slots for running generations that lost theirs,
/// then for waiting ones as far as the fairness rule allows, and keep the job's claim current. Every write is
/// conditional on what was read, so a concurrent exchange makes the whole plan fail and be made again.
/// </summary>
internal sealed class SlotExchangePlan
{
    /// <summary>A claim not refreshed for this long belongs to a job that stopped asking (ended or crashed).</summary>
    public static readonly TimeSpan ClaimLifetime = TimeSpan.FromSeconds(20);

    /// <summary>An unchanged claim is rewritten only this often: waiting costs a read per tick, not a write.</summary>
    public static readonly TimeSpan ClaimRefresh = TimeSpan.FromSeconds(5);

    public List<TableTransactionAction> Actions { get; } = [];

    public int Granted { get; private set; }

    public DateTimeOffset RenewBy { get; private set; }

    public bool OthersWaiting { get; private set; }

    public int Entitled { get; private set; }

    /// <summary>Askers of other jobs to tell that this exchange leaves slots free for them (<see cref="SlotExchange.Wake"/>).</summary>
    public IReadOnlyList<string> Wake { get; private set; } = [];

    public static SlotExchangePlan Make(IReadOnlyList<TableEntity> rows, SlotRequest request, DateTimeOffset now, TimeSpan lease, Random random)
    {
        var plan = new SlotExchangePlan();
        var provider = request.Provider;
        var running = request.Running.ToHashSet(StringComparer.Ordinal);
        var waiting = request.Waiting.ToHashSet(StringComparer.Ordinal);
        var slots = rows.Where(r => SlotIndex(r) is not null).ToList();
        var mine = slots.Where(s => IsHeld(s, now) && JobId(s) == request.JobId).ToDictionary(Holder, StringComparer.Ordinal);

        // Free: the job's slots of generations that ended, then lapsed or empty slots under the cap (in random
        // order, so concurrent exchanges rarely collide); rows that do not exist yet are created on first use.
        var ended = mine.Values.Where(s => !running.Contains(Holder(s)) && !waiting.Contains(Holder(s))).ToList();
        var existing = slots.Where(s => SlotIndex(s) < request.Capacity).ToDictionary(s => SlotIndex(s)!.Value);
        var free = new Queue<(string Key, ETag? ETag)>(ended.Select(s => (s.RowKey, (ETag?)s.ETag)).Concat(Enumerable.Range(0, request.Capacity)
            .Where(i => !existing.TryGetValue(i, out var s) || !IsHeld(s, now))
            .Select(i => (SlotKey(i), existing.TryGetValue(i, out var s) ? s.ETag : (ETag?)null))
            .OrderBy(_ => random.Next())));
        var releasing = ended.Select(s => s.RowKey).ToHashSet(StringComparer.Ordinal);

        var expiresAt = now + lease;
        var kept = new List<DateTimeOffset>();
        void Take(string holder)
        {
            var (key, etag) = free.Dequeue();
            releasing.Remove(key);
            var slot = Slot(provider, key, holder, request.JobId, expiresAt);
            plan.Actions.Add(etag is { } tag ? new(TableTransactionActionType.UpdateReplace, slot, tag) : new(TableTransactionActionType.Add, slot));
            kept.Add(expiresAt);
        }
        void Keep(TableEntity slot)
        {
            var expires = slot.GetDateTimeOffset("ExpiresAt")!.Value;
            if (expires - now < lease / 2)
            {
                plan.Actions.Add(new(TableTransactionActionType.UpdateReplace, Slot(provider, slot.RowKey, Holder(slot), request.JobId, expiresAt), slot.ETag));
                expires = expiresAt;
            }
            kept.Add(expires);
        }

        // A running generation whose lease lapsed (its orchestration was down that long) takes a free slot first:
        // it is at the provider whatever the table says.
        foreach (var holder in request.Running)
        {
            if (mine.TryGetValue(holder, out var slot))
            {
                Keep(slot);
            }
            else if (free.Count > 0)
            {
                Take(holder);
            }
        }

        var waitingHeld = request.Waiting.Count(mine.ContainsKey);
        var held = HeldByJob(slots, now);
        var claims = OtherClaims(rows, held, request.JobId, now).ToList();
        plan.OthersWaiting = claims.Count > 0;
        var ownClaim = rows.FirstOrDefault(r => r.RowKey == ClaimKey(request.JobId));
        // A job that has just had a turn (a generation of it ended, or it takes a slot below) queues behind the jobs
        // already waiting; otherwise the job that got a slot would win the next tie too, and a job holding none could
        // wait until another job ended.
        var waitingSince = ended.Count > 0 ? now : ownClaim?.GetDateTimeOffset("WaitingSince") ?? now;
        claims.Add(new SlotClaim(request.JobId, request.Running.Count + waitingHeld, request.Waiting.Count - waitingHeld, waitingSince));
        var budget = FairShare.Grants(free.Count, claims).GetValueOrDefault(request.JobId);
        plan.Entitled = FairShare.Entitled(request.Capacity, request.JobId, Demands(held, claims, request));

        var granted = 0;
        foreach (var holder in request.Waiting)
        {
            if (mine.TryGetValue(holder, out var slot))
            {
                Keep(slot);
            }
            else if (budget > 0 && free.Count > 0)
            {
                Take(holder);
                budget--;
                waitingSince = now;
            }
            else
            {
                break;
            }
            granted++;
        }
        plan.Granted = granted;

        // Ended generations' slots nobody took here, and waiting holders past the grant (a stale answer), are freed.
        releasing.UnionWith(request.Waiting.Skip(granted).Where(mine.ContainsKey).Select(h => mine[h].RowKey));
        foreach (var slot in slots.Where(s => releasing.Contains(s.RowKey)))
        {
            plan.Actions.Add(new(TableTransactionActionType.UpdateReplace, Freed(slot, now), slot.ETag));
        }

        var stillWanted = request.Waiting.Count - granted;
        if (stillWanted > 0)
        {
            if (ownClaim is null || ownClaim.GetInt32("Wanted") != stillWanted || ownClaim.GetDateTimeOffset("SeenAt") < now - ClaimRefresh
                || ownClaim.GetDateTimeOffset("WaitingSince") != waitingSince || ownClaim.GetString("Asker") != request.Asker)
            {
                plan.Actions.Add(new(TableTransactionActionType.UpsertReplace, Claim(provider, request.JobId, stillWanted, waitingSince, now, request.Asker)));
            }
        }
        else if (ownClaim is not null)
        {
            plan.Actions.Add(new(TableTransactionActionType.Delete, ownClaim, ownClaim.ETag));
        }
        plan.RenewBy = (kept.Count > 0 ? kept.Min() : expiresAt) - lease / 2;
        plan.Wake = Waking(rows, claims.Where(c => c.JobId != request.JobId).ToList(), free.Count);
        return plan;
    }

    /// <summary>
    /// The askers of the jobs that <paramref name="free"/> slots go to by the fairness rule, from other jobs' live claims
    /// (<paramref name="others"/>): a slot left free would otherwise stay idle until its taker's next tick.
    /// </summary>
    private static IReadOnlyList<string> Waking(IReadOnlyList<TableEntity> rows, IReadOnlyList<SlotClaim> others, int free) =>
        free == 0 || others.Count == 0
            ? []
            : [.. FairShare.Grants(free, others).Keys
                .Select(job => rows.FirstOrDefault(r => r.RowKey == ClaimKey(job))?.GetString("Asker"))
                .OfType<string>()
                .Where(asker => asker.Length > 0)];

    /// <summary>The askers to wake when <paramref name="jobId"/> lets go of <paramref name="freed"/> slots at once (a cancel).</summary>
    public static IReadOnlyList<string> WakingOnRelease(IReadOnlyList<TableEntity> rows, string jobId, int freed, DateTimeOffset now)
    {
        var held = HeldByJob(rows.Where(r => SlotIndex(r) is not null), now);
        return Waking(rows, OtherClaims(rows, held, jobId, now).ToList(), freed);
    }

    private static Dictionary<string, int> HeldByJob(IEnumerable<TableEntity> slots, DateTimeOffset now) =>
        slots.Where(s => IsHeld(s, now)).GroupBy(JobId).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);

    /// <summary>What every job could use now: slots held (<paramref name="held"/>, by job) plus slots wanted (this job's from its request).</summary>
    private static Dictionary<string, int> Demands(Dictionary<string, int> held, List<SlotClaim> claims, SlotRequest request)
    {
        var demands = new Dictionary<string, int>(held, StringComparer.Ordinal);
        foreach (var claim in claims.Where(c => c.JobId != request.JobId))
        {
            demands[claim.JobId] = claim.Held + claim.Wanted;
        }
        demands[request.JobId] = request.Running.Count + request.Waiting.Count;
        return demands;
    }

    /// <summary>Other jobs still waiting (claims refreshed lately), each with the slots it holds (<paramref name="held"/>, by job).</summary>
    private static IEnumerable<SlotClaim> OtherClaims(IReadOnlyList<TableEntity> rows, Dictionary<string, int> held, string jobId, DateTimeOffset now) =>
        rows.Where(r => r.RowKey.StartsWith(ClaimPrefix, StringComparison.Ordinal) && JobId(r) != jobId
                        && r.GetDateTimeOffset("SeenAt") > now - ClaimLifetime && r.GetInt32("Wanted") > 0)
            .Select(r => new SlotClaim(JobId(r), held.GetValueOrDefault(JobId(r)), r.GetInt32("Wanted")!.Value,
                r.GetDateTimeOffset("WaitingSince") ?? now));
}
