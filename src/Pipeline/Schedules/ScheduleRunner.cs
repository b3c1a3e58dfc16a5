using GenImageFactory.Domain.Jobs;
using GenImageFactory.Domain.Schedules;
using GenImageFactory.Pipeline.Jobs;
using GenImageFactory.Pipeline.Models;
using GenImageFactory.Pipeline.Ports;
using Microsoft.Extensions.Logging;

namespace GenImageFactory.Pipeline.Schedules;

/// <summary>
/// Starts every due schedule's job, exactly once per cron slot, however many timers fire (two Server
/// instances, a timer trigger retried): the slot's row is inserted first and only the inserting caller
/// starts the job, whose id is derived from the schedule and the slot. A slot whose launch failed (or whose
/// launcher crashed) is tried again on the next tick: its job is missing or still pending, and launching a
/// derived id twice starts one job. Each host calls this from its own timer (Server: a hosted service;
/// Functions: a timer trigger).
/// </summary>
public sealed class ScheduleRunner(IScheduleStore schedules, IConfigurationStore configurations, IJobStore jobs, JobLauncher launcher, ILogger<ScheduleRunner> logger)
{
    /// <summary>After downtime, only the latest missed slot within this window runs (once), not every one.</summary>
    public static readonly TimeSpan CatchUpWindow = TimeSpan.FromHours(1);

    /// <summary>How long a claimed slot's launch may take before another tick launches its job again.</summary>
    public static readonly TimeSpan RelaunchAfter = TimeSpan.FromMinutes(2);

    /// <returns>The jobs this call started.</returns>
    public async Task<IReadOnlyList<string>> RunDueAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var started = new List<string>();
        var all = await Pages.ReadAllAsync<ScheduleRecord>(continuation => schedules.ListAsync(1000, continuation, cancellationToken));
        foreach (var schedule in all.Where(s => s.Enabled))
        {
            var jobId = await RunIfDueAsync(schedule, now, cancellationToken);
            if (jobId is not null)
            {
                started.Add(jobId);
            }
        }
        return started;
    }

    private async Task<string?> RunIfDueAsync(ScheduleRecord schedule, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var after = schedule.LastRunAt ?? schedule.CreatedAt;
        if (now - after > CatchUpWindow)
        {
            after = now - CatchUpWindow;
        }
        if (CronSchedule.Parse(schedule.Cron).LatestIn(after, now) is not { } slot)
        {
            return null;
        }
        var jobId = JobId.Derived(slot, $"{schedule.Id}@{slot:O}");
        if (!await schedules.TryClaimSlotAsync(schedule.Id, slot, jobId, cancellationToken))
        {
            // Claimed by another caller. Done — unless that caller had ample time and its job still never got going
            // (it crashed, or the launch failed): then launch again; a derived id makes that the same single job.
            if (now - slot < RelaunchAfter || await jobs.GetStatusAsync(jobId, cancellationToken) is not (null or JobStatus.Pending))
            {
                return null;
            }
            logger.ScheduleRelaunching(schedule.Id, slot, jobId);
        }

        var saved = await configurations.GetAsync(schedule.ConfigurationId, cancellationToken);
        if (saved is null)
        {
            logger.ScheduleConfigurationGone(schedule.Id, slot, schedule.ConfigurationId);
            return null;
        }
        try
        {
            await launcher.LaunchAsync(saved.Configuration, saved.Id, rerunOf: null, cancellationToken, jobId);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.ScheduleLaunchFailed(ex, schedule.Id, jobId, slot);
            return null;
        }
        await schedules.RecordRunAsync(schedule.Id, slot, jobId, cancellationToken);
        logger.ScheduleStartedJob(schedule.Id, jobId, slot);
        return jobId;
    }
}
