namespace GenImageFactory.Infrastructure.Storage;

/// <summary>Table and container names; each store's comment says how its keys are laid out.</summary>
/// <remarks>docs/architecture.md ("Storage layout") shows every table and container with its keys.</remarks>
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

    /// <summary>
    /// The search index's tables, <c>ImageSearch000</c> to <c>ImageSearch255</c>. Their number is part of the stored
    /// layout (it places every key): changing it needs the index filed again.
    /// </summary>
    public static readonly IReadOnlyList<string> SearchTables = [.. Enumerable.Range(0, 256).Select(i => $"ImageSearch{i:D3}")];

    public static readonly IReadOnlyList<string> Tables = [JobsTable, ImagesTable, JobLogsTable, ConfigurationsTable, ImageIndexTable, SchedulesTable, ScheduleRunsTable, SubmittedTasksTable, ProviderSlotsTable, .. SearchTables];

    /// <summary>Which search table holds a key: a hash that is the same in every process and release (FNV-1a).</summary>
    public static int SearchTableOf(string key)
    {
        var hash = 2166136261u;
        foreach (var c in key)
        {
            hash = (hash ^ c) * 16777619u;
        }
        return (int)(hash % (uint)SearchTables.Count);
    }
    public static readonly IReadOnlyList<string> Containers = [ImagesContainer, SnapshotsContainer];
}
