using GenImageFactory.Domain.Schedules;
using GenImageFactory.Pipeline.Models;

namespace GenImageFactory.Api.Contracts;

/// <summary>A schedule: which saved configuration runs when (cron, UTC), and when it ran and runs next.</summary>
public sealed record ScheduleResponse(
    string Id,
    string ConfigurationId,
    string Cron,
    bool Enabled,
    DateTimeOffset CreatedAt,
    DateTimeOffset? NextRunAt,
    DateTimeOffset? LastRunAt,
    string? LastJobId)
{
    public static ScheduleResponse From(ScheduleRecord schedule, DateTimeOffset now) => new(
        schedule.Id, schedule.ConfigurationId, schedule.Cron, schedule.Enabled, schedule.CreatedAt,
        schedule.Enabled ? CronSchedule.Parse(schedule.Cron).NextAfter(now) : null,
        schedule.LastRunAt, schedule.LastJobId);
}
