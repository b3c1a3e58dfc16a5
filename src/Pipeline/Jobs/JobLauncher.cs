using GenImageFactory.Domain.Configuration;
using GenImageFactory.Domain.Jobs;
using GenImageFactory.Pipeline.Models;
using GenImageFactory.Pipeline.Ports;

namespace GenImageFactory.Pipeline.Jobs;

/// <summary>
/// Creates a job's execution record (pending, with its configuration snapshot) and starts its orchestration.
/// With a derived id it is safe to repeat: a second launch finds the first record and starts (at most) the same instance.
/// </summary>
public sealed class JobLauncher(IJobStore jobs, IWorkflowClient workflow, TimeProvider time)
{
    /// <param name="jobId">A derived id (a schedule's slot); by default a new one.</param>
    public async Task<JobRecord> LaunchAsync(JobConfiguration configuration, string? configurationId, string? rerunOf, CancellationToken cancellationToken, string? jobId = null)
    {
        var now = time.GetUtcNow();
        var id = jobId ?? JobId.New(now);
        var label = JobLabel.For(configuration.Parameters.Label, now);
        var job = new JobRecord
        {
            Id = id,
            Label = label,
            Status = JobStatus.Pending,
            Phase = JobPhase.Queued,
            ConfigurationId = configurationId,
            Configuration = configuration with { Parameters = configuration.Parameters with { Label = label } },
            RerunOf = rerunOf,
            TotalGenerations = configuration.Parameters.Count,
            CreatedAt = now,
        };
        if (!await jobs.CreateAsync(job, cancellationToken))
        {
            job = await jobs.GetAsync(id, cancellationToken) ?? job;
            if (job.Status != JobStatus.Pending)
            {
                // Started (or ended) by the earlier launch: nothing to do twice.
                return job;
            }
        }

        try
        {
            await workflow.StartJobAsync(id, cancellationToken);
        }
        catch (Exception ex) when (jobId is null)
        {
            // The record exists and no one will launch it again; say honestly why nothing will run for it.
            // (A derived id stays pending: its owner — a schedule slot, a bulk rerun — launches it again.)
            await jobs.UpdateAsync(id, JobUpdate.Ending(JobStatus.Failed, time.GetUtcNow(), $"The job could not be started: {ex.Message}"), CancellationToken.None);
            throw;
        }
        return job;
    }
}
