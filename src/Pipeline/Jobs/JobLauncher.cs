using GenImageFactory.Domain.Configuration;
using GenImageFactory.Domain.Jobs;
using GenImageFactory.Pipeline.Models;
using GenImageFactory.Pipeline.Ports;

namespace GenImageFactory.Pipeline.Jobs;

/// <summary>Creates a job's execution record (pending, with its configuration snapshot) and starts its orchestration.</summary>
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
        await jobs.CreateAsync(job, cancellationToken);

        try
        {
            await workflow.StartJobAsync(id, cancellationToken);
        }
        catch (Exception ex)
        {
            // The record exists; say honestly why nothing will run for it.
            await jobs.UpdateAsync(id, new JobUpdate
            {
                Status = JobStatus.Failed,
                Phase = JobPhase.Done,
                Progress = JobProgress.Finished,
                CompletedAt = time.GetUtcNow(),
                ErrorMessage = $"The job could not be started: {ex.Message}",
            }, CancellationToken.None);
            throw;
        }
        return job;
    }
}
