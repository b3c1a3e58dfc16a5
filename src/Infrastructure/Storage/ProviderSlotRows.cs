using Azure.Data.Tables;

namespace GenImageFactory.Infrastructure.Storage;

/// <summary>
/// The rows of one provider's partition in the <c>ProviderSlots</c> table. Slot rows (<c>slot-0000</c> up to the
/// cap) say who holds the slot until when; claim rows (<c>claim-&lt;jobId&gt;</c>) say how many more slots a job
/// is waiting for, since when and which orchestration asks, which is what the fairness rule reads. A lapsed lease is a free slot.
/// </summary>
internal static class ProviderSlotRows
{
    public const string SlotPrefix = "slot-";
    public const string ClaimPrefix = "claim-";

    public static string SlotKey(int index) => $"{SlotPrefix}{index:D4}";

    public static string ClaimKey(string jobId) => ClaimPrefix + jobId;

    public static int? SlotIndex(TableEntity row) =>
        row.RowKey.StartsWith(SlotPrefix, StringComparison.Ordinal) && int.TryParse(row.RowKey.AsSpan(SlotPrefix.Length), out var index) ? index : null;

    public static string Holder(TableEntity row) => row.GetString("Holder") ?? "";

    public static string JobId(TableEntity row) => row.GetString("JobId") ?? "";

    public static bool IsHeld(TableEntity row, DateTimeOffset now) =>
        Holder(row).Length > 0 && row.GetDateTimeOffset("ExpiresAt") is { } expires && expires > now;

    public static TableEntity Slot(string provider, string rowKey, string holder, string jobId, DateTimeOffset expiresAt) =>
        new(provider, rowKey) { ["Holder"] = holder, ["JobId"] = jobId, ["ExpiresAt"] = expiresAt };

    public static TableEntity Freed(TableEntity slot, DateTimeOffset now) =>
        new(slot.PartitionKey, slot.RowKey) { ["Holder"] = "", ["JobId"] = "", ["ExpiresAt"] = now, ETag = slot.ETag };

    public static TableEntity Claim(string provider, string jobId, int wanted, DateTimeOffset waitingSince, DateTimeOffset seenAt, string? asker) =>
        new(provider, ClaimKey(jobId)) { ["JobId"] = jobId, ["Wanted"] = wanted, ["WaitingSince"] = waitingSince, ["SeenAt"] = seenAt, ["Asker"] = asker };
}
