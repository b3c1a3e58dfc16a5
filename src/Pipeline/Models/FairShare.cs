namespace GenImageFactory.Pipeline.Models;

/// <summary>One job's standing when free provider slots are shared out.</summary>
/// <param name="Held">Slots the job holds now.</param>
/// <param name="Wanted">More slots it could use now (its waiting generations, within its own cap).</param>
/// <param name="WaitingSince">When it began waiting: breaks ties, so equal jobs take turns instead of one always winning.</param>
public sealed record SlotClaim(string JobId, int Held, int Wanted, DateTimeOffset WaitingSince);

/// <summary>
/// Max-min fairness: each free slot goes, one at a time, to the waiting job that holds fewest, so a job of
/// 2,500 images cannot starve a job of 4 — the small one gets the next slot the big one frees.
/// </summary>
public static class FairShare
{
    /// <summary>
    /// A job's share of the whole cap when it is split max-min over every job's demand (slots held plus wanted): a
    /// job that wants less than an equal part gets what it wants and the rest is split among the others. A job
    /// running no more than its share may pass an ending generation's slot to its next one itself. With more jobs
    /// than slots left the equal part is nothing: no job keeps a slot for itself, so each ending slot goes back and
    /// the jobs take turns (the longest-waiting of those holding fewest first) instead of the first holders keeping them.
    /// </summary>
    public static int Entitled(int capacity, string jobId, IReadOnlyDictionary<string, int> demands)
    {
        var left = capacity;
        var open = demands.Where(d => d.Value > 0).OrderBy(d => d.Value).ThenBy(d => d.Key, StringComparer.Ordinal).ToList();
        for (var i = 0; i < open.Count; i++)
        {
            var equalPart = left / (open.Count - i);
            if (equalPart == 0)
            {
                // Fewer slots left than jobs wanting one: each of them wants at least one, so none is entitled to any.
                return 0;
            }
            var share = Math.Min(open[i].Value, equalPart);
            if (open[i].Key == jobId)
            {
                return share;
            }
            left = Math.Max(0, left - share);
        }
        return 0;
    }

    /// <summary>How many of <paramref name="free"/> slots each claimant gets (claimants that get none are absent).</summary>
    public static IReadOnlyDictionary<string, int> Grants(int free, IReadOnlyList<SlotClaim> claims)
    {
        var granted = new Dictionary<string, int>(StringComparer.Ordinal);
        var open = claims.Where(c => c.Wanted > 0).ToList();
        for (var slot = 0; slot < free && open.Count > 0; slot++)
        {
            var next = open
                .OrderBy(c => c.Held + granted.GetValueOrDefault(c.JobId))
                .ThenBy(c => c.WaitingSince)
                .ThenBy(c => c.JobId, StringComparer.Ordinal)
                .First();
            var now = granted[next.JobId] = granted.GetValueOrDefault(next.JobId) + 1;
            if (now >= next.Wanted)
            {
                open.Remove(next);
            }
        }
        return granted;
    }
}
