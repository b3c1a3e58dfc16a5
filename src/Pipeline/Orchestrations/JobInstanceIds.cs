namespace GenImageFactory.Pipeline.Orchestrations;

/// <summary>
/// Every orchestration instance id a job can have, derived from its id: the job, its batches (which start
/// at multiples of 100) and its generations. Cancelling or purging a job reaches each of them.
/// </summary>
public static class JobInstanceIds
{
    public static IReadOnlyList<string> Of(string jobId, int totalGenerations)
    {
        var ids = new List<string> { jobId };
        ids.AddRange(Enumerable.Range(0, totalGenerations).Where(i => i % 100 == 0).Select(i => GenerationBatchInput.InstanceIdFor(jobId, i)));
        ids.AddRange(Enumerable.Range(0, totalGenerations).Select(i => GenerationInput.InstanceIdFor(jobId, i)));
        return ids;
    }

    /// <summary>Runs <paramref name="action"/> for each of a job's instances, a few at a time (cancel and purge in both hosts).</summary>
    public static Task ForEachAsync(string jobId, int totalGenerations, CancellationToken cancellationToken, Func<string, Task> action) =>
        Parallel.ForEachAsync(Of(jobId, totalGenerations), new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken },
            async (id, _) => await action(id));
}
