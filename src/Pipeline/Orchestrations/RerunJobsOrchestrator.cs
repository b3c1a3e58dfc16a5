using GenImageFactory.Pipeline.Activities;
using Microsoft.DurableTask;

namespace GenImageFactory.Pipeline.Orchestrations;

public sealed record RerunJobsInput(IReadOnlyList<string> JobIds);

public sealed record RerunJobsResult(IReadOnlyList<RerunOutcome> Started, IReadOnlyList<RerunOutcome> Rejected);

/// <summary>
/// A bulk rerun: one new job (record and orchestration) per selected job, a few at a time so a large
/// selection does not flood storage; unknown ids are reported as rejected while the rest proceed.
/// </summary>
public sealed class RerunJobsOrchestrator : TaskOrchestrator<RerunJobsInput, RerunJobsResult>
{
    /// <summary>Starting a job is a few storage writes and a queue message; four at a time keeps it quick but gentle.</summary>
    public const int MaxConcurrentStarts = 4;

    public override async Task<RerunJobsResult> RunAsync(TaskOrchestrationContext context, RerunJobsInput input)
    {
        var outcomes = new List<RerunOutcome>(input.JobIds.Count);
        var startedAt = context.CurrentUtcDateTime;
        foreach (var chunk in input.JobIds.Chunk(MaxConcurrentStarts))
        {
            outcomes.AddRange(await Task.WhenAll(chunk.Select(id =>
                context.CallActivityAsync<RerunOutcome>(nameof(RerunJobActivity), new RerunJobRequest(id, context.InstanceId, startedAt)))));
        }
        return new RerunJobsResult(
            outcomes.Where(o => o.NewJobId is not null).ToList(),
            outcomes.Where(o => o.NewJobId is null).ToList());
    }
}
