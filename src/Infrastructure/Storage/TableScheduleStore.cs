using System.Globalization;
using Azure;
using Azure.Data.Tables;
using GenImageFactory.Pipeline.Models;
using GenImageFactory.Pipeline.Ports;

namespace GenImageFactory.Infrastructure.Storage;

/// <summary>
/// Schedules in one partition (<c>schedule</c>, row key = id); fired slots in <c>ScheduleRuns</c>, one
/// partition per schedule, row key = the slot's UTC time. Inserting a slot row succeeds once: that is the
/// exactly-once guard.
/// </summary>
public sealed class TableScheduleStore(TableServiceClient tables) : IScheduleStore
{
    private const string Partition = "schedule";
    private readonly TableClient _schedules = tables.GetTableClient(StorageNames.SchedulesTable);
    private readonly TableClient _runs = tables.GetTableClient(StorageNames.ScheduleRunsTable);

    public Task CreateAsync(ScheduleRecord schedule, CancellationToken cancellationToken) =>
        _schedules.AddEntityAsync(new TableEntity(Partition, schedule.Id)
        {
            ["ConfigurationId"] = schedule.ConfigurationId,
            ["Cron"] = schedule.Cron,
            ["Enabled"] = schedule.Enabled,
            ["CreatedAt"] = schedule.CreatedAt,
        }, cancellationToken);

    public async Task<ScheduleRecord?> GetAsync(string id, CancellationToken cancellationToken)
    {
        var response = await _schedules.GetEntityIfExistsAsync<TableEntity>(Partition, id, cancellationToken: cancellationToken);
        return response.HasValue ? ToRecord(response.Value!) : null;
    }

    public async Task<GenImageFactory.Pipeline.Models.Page<ScheduleRecord>> ListAsync(int limit, string? continuation, CancellationToken cancellationToken)
    {
        var query = _schedules.QueryAsync<TableEntity>(e => e.PartitionKey == Partition, maxPerPage: limit, cancellationToken: cancellationToken);
        await foreach (var page in query.AsPages(ContinuationToken.Decode(continuation, "schedules"), limit))
        {
            return new GenImageFactory.Pipeline.Models.Page<ScheduleRecord>(page.Values.Select(ToRecord).ToList(), ContinuationToken.Encode(page.ContinuationToken, "schedules"));
        }
        return new GenImageFactory.Pipeline.Models.Page<ScheduleRecord>([], null);
    }

    public async Task<bool> DeleteAsync(string id, CancellationToken cancellationToken)
    {
        var response = await _schedules.DeleteEntityAsync(Partition, id, ETag.All, cancellationToken);
        await PartitionDeletion.DeleteAsync(_runs, id, cancellationToken);
        return response.Status != 404;
    }

    public async Task<bool> TryClaimSlotAsync(string scheduleId, DateTimeOffset slot, string jobId, CancellationToken cancellationToken)
    {
        try
        {
            await _runs.AddEntityAsync(new TableEntity(scheduleId, SlotKey(slot)) { ["JobId"] = jobId }, cancellationToken);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            return false;
        }
    }

    public async Task RecordRunAsync(string scheduleId, DateTimeOffset slot, string jobId, CancellationToken cancellationToken)
    {
        try
        {
            // Merge only if present: a schedule deleted meanwhile must not come back as a fragment.
            await _schedules.UpdateEntityAsync(new TableEntity(Partition, scheduleId)
            {
                ["LastRunAt"] = slot,
                ["LastJobId"] = jobId,
            }, ETag.All, TableUpdateMode.Merge, cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
        }
    }

    private static string SlotKey(DateTimeOffset slot) => slot.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);

    private static ScheduleRecord ToRecord(TableEntity entity) => new()
    {
        Id = entity.RowKey,
        ConfigurationId = entity.GetString("ConfigurationId") ?? "",
        Cron = entity.GetString("Cron") ?? "",
        Enabled = entity.GetBoolean("Enabled") ?? false,
        CreatedAt = entity.GetDateTimeOffset("CreatedAt") ?? DateTimeOffset.MinValue,
        LastRunAt = entity.GetDateTimeOffset("LastRunAt"),
        LastJobId = entity.GetString("LastJobId"),
    };
}
