using GenImageFactory.Pipeline.Models;

namespace GenImageFactory.Pipeline.Ports;

/// <summary>Schedules, and the slots they have fired (one row per slot: the exactly-once guard).</summary>
public interface IScheduleStore
{
    Task CreateAsync(ScheduleRecord schedule, CancellationToken cancellationToken);

    Task<ScheduleRecord?> GetAsync(string id, CancellationToken cancellationToken);

    /// <summary>Schedules in id order.</summary>
    Task<Page<ScheduleRecord>> ListAsync(int limit, string? continuation, CancellationToken cancellationToken);

    /// <summary>Removes a schedule and the record of its slots.</summary>
    /// <returns>False when it did not exist.</returns>
    Task<bool> DeleteAsync(string id, CancellationToken cancellationToken);

    /// <summary>Records that <paramref name="slot"/> of a schedule starts <paramref name="jobId"/>.</summary>
    /// <returns>True for the one caller that claimed the slot; false when it was claimed before.</returns>
    Task<bool> TryClaimSlotAsync(string scheduleId, DateTimeOffset slot, string jobId, CancellationToken cancellationToken);

    /// <summary>Notes the latest run on the schedule (for listing); a deleted schedule is left deleted.</summary>
    Task RecordRunAsync(string scheduleId, DateTimeOffset slot, string jobId, CancellationToken cancellationToken);
}
