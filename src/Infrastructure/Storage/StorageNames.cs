namespace GenImageFactory.Infrastructure.Storage;

/// <summary>Table and container names; each store's comment says how its keys are laid out.</summary>
public static class StorageNames
{
    public const string JobsTable = "Jobs";
    public const string ImagesTable = "Images";
    public const string JobLogsTable = "JobLogs";
    public const string ConfigurationsTable = "Configurations";
    public const string ImageIndexTable = "ImageIndex";
    public const string SchedulesTable = "Schedules";
    public const string ScheduleRunsTable = "ScheduleRuns";
    public const string SubmittedTasksTable = "SubmittedTasks";
    public const string ProviderSlotsTable = "ProviderSlots";
    public const string ImagesContainer = "images";
    public const string SnapshotsContainer = "snapshots";

    public static readonly IReadOnlyList<string> Tables = [JobsTable, ImagesTable, JobLogsTable, ConfigurationsTable, ImageIndexTable, SchedulesTable, ScheduleRunsTable, SubmittedTasksTable, ProviderSlotsTable];
    public static readonly IReadOnlyList<string> Containers = [ImagesContainer, SnapshotsContainer];
}
