using Azure.Data.Tables;

namespace GenImageFactory.Server.Tests.Support;

/// <summary>The provider slot table as stored: which slots are held (by a lease that has not lapsed).</summary>
public static class SlotRows
{
    public static async Task<List<string>> HeldAsync(TableServiceClient tables, string provider)
    {
        var held = new List<string>();
        await foreach (var row in tables.GetTableClient("ProviderSlots").QueryAsync<TableEntity>(r => r.PartitionKey == provider))
        {
            if (row.RowKey.StartsWith("slot-", StringComparison.Ordinal) && row.GetString("Holder") is { Length: > 0 } holder
                && row.GetDateTimeOffset("ExpiresAt") > DateTimeOffset.UtcNow)
            {
                held.Add(holder);
            }
        }
        return held;
    }
}
