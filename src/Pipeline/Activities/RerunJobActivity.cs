using GenImageFactory.Domain.Jobs;
using GenImageFactory.Pipeline.Jobs;
using GenImageFactory.Pipeline.Models;
using Microsoft.DurableTask;

namespace GenImageFactory.Pipeline.Activities;

/// <param name="OperationId">The bulk operation's instance id; with <paramref name="StartedAt"/> it derives the new job's id.</param>
public sealed record RerunJobRequest(string JobId, string OperationId, DateTimeOffset StartedAt);

/// <summary>The new job of one rerun, or why there is none.</summary>
public sealed record RerunOutcome(string JobId, string? NewJobId, string? Rejection);

/// <summary>
/// Starts one rerun (record + orchestration); an unknown job is a rejection, not a failure. The new job's id is
/// derived from the operation and the source job, so an activity run twice (a crash, a redelivered message)
/// starts one paid job, not two.
/// </summary>
public sealed class RerunJobActivity(JobReruns reruns) : TaskActivity<RerunJobRequest, RerunOutcome>
{
    public override async Task<RerunOutcome> RunAsync(TaskActivityContext context, RerunJobRequest input)
    {
        if (!JobId.IsValid(input.JobId))
        {
            return new RerunOutcome(input.JobId, null, RejectionReasons.NotAJobId);
        }
        var newJobId = JobId.Derived(input.StartedAt, $"{input.OperationId}/{input.JobId}");
        var job = await reruns.RerunAsync(input.JobId, CancellationToken.None, newJobId);
        return job is null ? new RerunOutcome(input.JobId, null, RejectionReasons.NotFound) : new RerunOutcome(input.JobId, job.Id, null);
    }
}
