using GenImageFactory.Domain.Jobs;
using GenImageFactory.Pipeline.Jobs;
using Microsoft.DurableTask;

namespace GenImageFactory.Pipeline.Activities;

public sealed record RerunJobRequest(string JobId);

/// <summary>The new job of one rerun, or why there is none.</summary>
public sealed record RerunOutcome(string JobId, string? NewJobId, string? Rejection);

/// <summary>Starts one rerun (record + orchestration); an unknown job is a rejection, not a failure.</summary>
public sealed class RerunJobActivity(JobReruns reruns) : TaskActivity<RerunJobRequest, RerunOutcome>
{
    public override async Task<RerunOutcome> RunAsync(TaskActivityContext context, RerunJobRequest input)
    {
        if (!JobId.IsValid(input.JobId))
        {
            return new RerunOutcome(input.JobId, null, "not a job id");
        }
        var job = await reruns.RerunAsync(input.JobId, CancellationToken.None);
        return job is null ? new RerunOutcome(input.JobId, null, "not found") : new RerunOutcome(input.JobId, job.Id, null);
    }
}
