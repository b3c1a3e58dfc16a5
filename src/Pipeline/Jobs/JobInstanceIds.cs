using GenImageFactory.Pipeline.Models;
using GenImageFactory.Pipeline.Orchestrations;

namespace GenImageFactory.Pipeline.Jobs;

/// <summary>
/// Every orchestration instance id a job can have, derived from its id: the job, its batches and its
/// generations. Cancelling or purging a job reaches each of them.
/// </summary>
public static class JobInstanceIds
{
    public static IReadOnlyList<string> Of(string jobId, int totalGenerations)
    {
        var ids = new List<string> { jobId };
        // Only the job's size is known here, not the batch size its start chose. Every batch starts at a multiple
        // of the step all batch sizes are multiples of, so these ids include every batch's (the rest name no instance).
        ids.AddRange(Enumerable.Range(0, totalGenerations).Where(i => i % JobPlan.BatchSizeStep == 0).Select(i => GenerationBatchInput.InstanceIdFor(jobId, i)));
        ids.AddRange(Enumerable.Range(0, totalGenerations).Select(i => GenerationInput.InstanceIdFor(jobId, i)));
        return ids;
    }

    /// <summary>Runs <paramref name="action"/> for each of a job's instances, a few at a time (cancel and purge in both hosts).</summary>
    public static Task ForEachAsync(string jobId, int totalGenerations, CancellationToken cancellationToken, Func<string, Task> action) =>
        Parallel.ForEachAsync(Of(jobId, totalGenerations), new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken },
            async (id, _) => await action(id));
}
