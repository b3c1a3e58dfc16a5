using GenImageFactory.Domain.Jobs;
using GenImageFactory.Pipeline.Jobs;
using GenImageFactory.Pipeline.Models;
using GenImageFactory.Pipeline.Ports;
using Microsoft.DurableTask;

namespace GenImageFactory.Pipeline.Activities;

public sealed record MarkJobRunningRequest(string JobId);

/// <summary>Marks the job running (keeping the first start time on a retry) and returns what the fan-out needs.</summary>
public sealed class MarkJobRunningActivity(IJobStore jobs, IJobLogStore logs, IImageProviders providers, IProviderCatalog catalog, TimeProvider time) : TaskActivity<MarkJobRunningRequest, JobPlan>
{
    public override async Task<JobPlan> RunAsync(TaskActivityContext context, MarkJobRunningRequest input)
    {
        var job = await jobs.GetAsync(input.JobId, CancellationToken.None)
            ?? throw new InvalidOperationException($"Job {input.JobId} has no execution record.");
        if (job.Status == JobStatus.Cancelled)
        {
            throw new InvalidOperationException($"Job {input.JobId} was cancelled before it started.");
        }
        var parameters = job.Configuration.Parameters;
        var estimate = JobEstimate.For(job.Configuration, catalog);

        await jobs.UpdateAsync(job.Id, new JobUpdate
        {
            WhileActive = true,
            Status = JobStatus.Running,
            Phase = JobPhase.Generating,
            StartedAt = job.StartedAt ?? time.GetUtcNow(),
            EstimatedCost = estimate.EstimatedCost,
        }, CancellationToken.None);

        var settings = new GenerationSettings(
            parameters.Provider,
            parameters.ProcessMode,
            parameters.EffectivePollingIntervalSeconds(),
            parameters.PollingTimeoutMinutes,
            parameters.GenerationRetryAttempts,
            parameters.GenerationRetryBackoffMs,
            parameters.Model,
            parameters.MaxSpend);
        // The job's own cap, within the provider's account-wide one (which the batches' slot exchanges enforce).
        var providerCap = Math.Max(1, providers.MaxConcurrency(parameters.Provider));
        var maxConcurrency = Math.Min(parameters.MaxConcurrency ?? providerCap, providerCap);
        await logs.WriteAsync(job.Id, [new JobLogEntry("job-start", time.GetUtcNow().UtcDateTime, JobLogLevel.Info,
            $"Job started: {parameters.Count} generation(s) on {parameters.Provider}{(parameters.Model.Length > 0 ? $" ({parameters.Model})" : "")}, estimated cost {(estimate.EstimatedCost is { } cost ? $"${cost:0.####}" : "unknown")}{(parameters.MaxSpend is { } max ? $", spend limit ${max:0.####}" : "")}, aspect ratios {string.Join(", ", parameters.AspectRatios)}, at most {maxConcurrency} at a time{(maxConcurrency < providerCap ? "" : $" (the provider's cap, shared with other jobs)")}.")],
            CancellationToken.None);
        return new JobPlan(parameters.Count, maxConcurrency, JobPlan.BatchSizeFor(maxConcurrency), settings);
    }
}
