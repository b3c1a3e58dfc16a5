using GenImageFactory.Pipeline.Images;
using Microsoft.DurableTask;

namespace GenImageFactory.Pipeline.Activities.Retry;

/// <summary>Last step of a retry: the counts of every job it touched, recomputed from their images.</summary>
public sealed class RecountJobsActivity(ImageStatusChanges changes) : TaskActivity<IReadOnlyList<string>, int>
{
    public override async Task<int> RunAsync(TaskActivityContext context, IReadOnlyList<string> jobIds)
    {
        foreach (var jobId in jobIds)
        {
            await changes.RecountJobAsync(jobId, CancellationToken.None);
        }
        return jobIds.Count;
    }
}
