using Azure;
using EntryPage = GenImageFactory.Pipeline.Models.Page<GenImageFactory.Pipeline.Ports.SearchEntry>;
using Azure.Data.Tables;
using GenImageFactory.Pipeline.Images;
using GenImageFactory.Pipeline.Models;
using GenImageFactory.Pipeline.Ports;

namespace GenImageFactory.Infrastructure.Storage;

/// <summary>
/// The search index: PK a search key (<see cref="SearchWords.KeyLength"/> characters), RK the image id (job id
/// first, so newest first), <c>Words</c> the image's words beginning with the key, so a search can skip entries
/// without reading their records. Spread over <see cref="StorageNames.SearchTables"/> by a stable hash of the key:
/// a partition-key query is indexed in Azure whatever the table's size, but the storage emulator scans the whole
/// table for every query, so keeping each table to a sixty-fourth keeps local searches fast at 100,000 images.
/// </summary>
public sealed class TableImageSearchIndex(TableServiceClient tables) : IImageSearchIndex
{
    private const int MaxBatch = 100;
    private const int ParallelWrites = 8;

    private readonly TableClient[] _tables = StorageNames.SearchTables.Select(tables.GetTableClient).ToArray();

    public async Task AddAsync(IReadOnlyList<ImageRecord> images, CancellationToken cancellationToken)
    {
        // One transaction per key and hundred images: filing a whole job at once shares each key's writes.
        var batches = images
            .SelectMany(Entries)
            .GroupBy(e => e.PartitionKey)
            .SelectMany(key => key.DistinctBy(e => e.RowKey).Chunk(MaxBatch).Select(chunk => (Table: TableFor(key.Key), Rows: chunk)));
        await Parallel.ForEachAsync(batches, new ParallelOptions { MaxDegreeOfParallelism = ParallelWrites, CancellationToken = cancellationToken },
            async (batch, ct) => await batch.Table.SubmitTransactionAsync(
                batch.Rows.Select(e => new TableTransactionAction(TableTransactionActionType.UpsertReplace, e)), ct));
    }

    public async Task<EntryPage> ListAsync(string key, int limit, string? afterImageId, CancellationToken cancellationToken)
    {
        // A row-key range, not the service's continuation: a search may stop part-way through a page and resume there.
        var after = afterImageId ?? "";
        var query = TableFor(key).QueryAsync<TableEntity>(e => e.PartitionKey == key && e.RowKey.CompareTo(after) > 0, maxPerPage: limit,
            select: ["RowKey", "JobId", "Words"], cancellationToken: cancellationToken);
        await foreach (var page in query.AsPages(pageSizeHint: limit))
        {
            var entries = page.Values.Select(e => new SearchEntry(e.GetString("JobId") ?? "", e.RowKey, (e.GetString("Words") ?? "").Split(' '))).ToList();
            return new EntryPage(entries, entries.Count == limit ? entries[^1].ImageId : null);
        }
        return new EntryPage([], null);
    }

    public async Task RemoveAsync(string key, string imageId, CancellationToken cancellationToken) =>
        await TableFor(key).DeleteEntityAsync(key, imageId, ETag.All, cancellationToken);

    private static IEnumerable<TableEntity> Entries(ImageRecord image) =>
        SearchWords.FilingOf(image).Select(key => new TableEntity(key.Key, image.Id) { ["JobId"] = image.JobId, ["Words"] = string.Join(' ', key.Value) });

    private TableClient TableFor(string key) => _tables[StorageNames.SearchTableOf(key)];
}
