namespace GenImageFactory.Pipeline.Models;

/// <summary>A saved configuration started on a cron schedule (UTC).</summary>
public sealed record ScheduleRecord
{
    public required string Id { get; init; }
    public required string ConfigurationId { get; init; }
    public required string Cron { get; init; }
    public required bool Enabled { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    /// <summary>The slot of the latest job this schedule started.</summary>
    public DateTimeOffset? LastRunAt { get; init; }
    public string? LastJobId { get; init; }
}
