using GenImageFactory.Domain.Configuration;
using GenImageFactory.Pipeline.Models;
using GenImageFactory.Pipeline.Ports;

namespace GenImageFactory.Pipeline.Jobs;

/// <summary>
/// A rerun is a NEW execution and a NEW orchestration from the job's CURRENT saved configuration (its snapshot
/// when it has none, or the configuration was deleted), or from a modified configuration (edit and rerun: the new
/// job is then inline, tied to no saved configuration). The original execution is never touched.
/// </summary>
public sealed class JobReruns(IJobStore jobs, IConfigurationStore configurations, JobLauncher launcher)
{
    /// <param name="newJobId">A derived id (a bulk operation's), so running this twice starts one job; by default a new one.</param>
    /// <param name="changed">Settings to run with instead; an empty label becomes the original's with " (Rerun)".</param>
    /// <returns>The new job, or null when there is no such job.</returns>
    public async Task<JobRecord?> RerunAsync(string jobId, CancellationToken cancellationToken, string? newJobId = null, JobConfiguration? changed = null)
    {
        var original = await jobs.GetAsync(jobId, cancellationToken);
        if (original is null)
        {
            return null;
        }
        if (changed is not null)
        {
            var label = changed.Parameters.Label.Length > 0 ? changed.Parameters.Label : $"{original.Label} (Rerun)";
            return await launcher.LaunchAsync(changed with { Parameters = changed.Parameters with { Label = label } }, null, rerunOf: original.Id, cancellationToken, newJobId);
        }
        var saved = original.ConfigurationId is null ? null : await configurations.GetAsync(original.ConfigurationId, cancellationToken);
        var configuration = saved?.Configuration ?? original.Configuration;
        configuration = configuration with { Parameters = configuration.Parameters with { Label = $"{original.Label} (Rerun)" } };
        return await launcher.LaunchAsync(configuration, saved?.Id, rerunOf: original.Id, cancellationToken, newJobId);
    }
}
