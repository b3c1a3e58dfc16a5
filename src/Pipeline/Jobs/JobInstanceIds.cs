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

    /// <summary>True for a batch's or a generation's instance id (a job id, <c>:b</c> or <c>:g</c>, and four digits): what a provider's call can wake.</summary>
    public static bool IsBatchOrGeneration(string? id) => IsInstanceOf(id, 'b') || IsInstanceOf(id, 'g');

    /// <summary>True for an id of the form <c>{jobId}:{kind}0000</c>.</summary>
    internal static bool IsInstanceOf(string? id, char kind) =>
        id is { Length: > 6 } && id[^6] == ':' && id[^5] == kind && id[^4..].All(char.IsAsciiDigit) && Domain.Jobs.JobId.IsValid(id[..^6]);

    /// <summary>Runs <paramref name="action"/> for each of a job's instances, a few at a time (cancel and purge in both hosts).</summary>
    public static Task ForEachAsync(string jobId, int totalGenerations, CancellationToken cancellationToken, Func<string, Task> action) =>
        Parallel.ForEachAsync(Of(jobId, totalGenerations), new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken },
            async (id, _) => await action(id));
}
