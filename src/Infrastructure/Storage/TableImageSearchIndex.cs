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
/// without reading their records, and the same words one a column, so the table service sends only the entries of
/// the query's word. Spread over <see cref="StorageNames.SearchTables"/> by a stable hash of the key:
/// a partition-key query is indexed in Azure whatever the table's size, but the storage emulator scans the whole
/// table for every query (about 0.4 µs a row), so keeping each table to a 256th keeps local searches fast at
/// 100,000 images.
/// Each partition ends with a size row (<c>~size</c>: entries filed, and the newest and oldest id), and partition
/// <c>~all</c> counts the images filed.
/// </summary>
public sealed class TableImageSearchIndex(TableServiceClient tables) : IImageSearchIndex
{
    private const int MaxBatch = 100;
    private const int ParallelWrites = 8;
    private const int MaxRounds = 30;

    /// <summary>Each key's size row, after every image id in its partition ('~' sorts after letters and digits).</summary>
    private const string SizeRowKey = "~size";

    /// <summary>The partition whose size row counts the images filed.</summary>
    private const string AllImagesKey = "~all";

    /// <summary>The size row's columns: entries filed, and the newest and oldest image id among them.</summary>
    private const string Newest = "Newest", Oldest = "Oldest";

    private static readonly string[] SizeColumns = ["Entries", Newest, Oldest];

    /// <summary>An entry's words one a column (<c>W0</c>...), for the service to filter on; <c>WMore</c> when it has more.</summary>
    private const int WordColumns = 4;
    private const string MoreWords = "WMore";

    private readonly TableClient[] _tables = StorageNames.SearchTables.Select(tables.GetTableClient).ToArray();

    public async Task AddAsync(IReadOnlyList<ImageRecord> images, CancellationToken cancellationToken)
    {
        if (images.Count == 0)
        {
            return;
        }
        // One transaction per key and 99 images, with the key's size: filing a whole job at once shares each key's writes.
        var batches = images
            .SelectMany(Entries)
            .GroupBy(e => e.PartitionKey)
            .SelectMany(key => key.DistinctBy(e => e.RowKey).Chunk(MaxBatch - 1).Select(rows => (Key: key.Key, Rows: rows)));
        await Parallel.ForEachAsync(batches, new ParallelOptions { MaxDegreeOfParallelism = ParallelWrites, CancellationToken = cancellationToken },
            async (batch, ct) => await AddWithSizeAsync(batch.Key, batch.Rows, batch.Rows.Length, ct));
        await AddWithSizeAsync(AllImagesKey, [], images.Count, cancellationToken);
    }

    /// <summary>
    /// Upserts a key's entries and raises its size in one transaction, under the size row's ETag. The size row also
    /// keeps the newest and oldest id filed, when it has from its first filing on (so they bound every entry).
    /// </summary>
    private Task<bool> AddWithSizeAsync(string key, IReadOnlyList<TableEntity> rows, long added, CancellationToken cancellationToken) =>
        OptimisticWrites.RunAsync(MaxRounds, async () =>
        {
            var table = TableFor(key);
            var size = await ReadSizeRowAsync(key, cancellationToken);
            var sizeRow = new TableEntity(key, SizeRowKey) { ["Entries"] = EntriesOf(size) + added };
            var span = SpanOf(size);
            if (rows.Count > 0 && (size is null || span is not null))
            {
                sizeRow[Newest] = new[] { span?.Newest, rows.Min(r => r.RowKey) }.OfType<string>().Min(StringComparer.Ordinal);
                sizeRow[Oldest] = new[] { span?.Oldest, rows.Max(r => r.RowKey) }.OfType<string>().Max(StringComparer.Ordinal);
            }
            var actions = rows
                .Select(e => new TableTransactionAction(TableTransactionActionType.UpsertReplace, e))
                .Append(size is not null
                    ? new TableTransactionAction(TableTransactionActionType.UpdateReplace, sizeRow, size.ETag)
                    : new TableTransactionAction(TableTransactionActionType.Add, sizeRow));
            await table.SubmitTransactionAsync(actions, cancellationToken);
            return true;
        }, cancellationToken);

    public async Task<SearchKeySizes> SizesAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken)
    {
        var sizes = await Task.WhenAll(keys.Append(AllImagesKey).Select(async key =>
        {
            var row = await ReadSizeRowAsync(key, cancellationToken);
            return (Key: key, Entries: EntriesOf(row), Span: SpanOf(row));
        }));
        var keySizes = sizes.Where(s => s.Key != AllImagesKey).ToList();
        return new SearchKeySizes(keySizes.ToDictionary(s => s.Key, s => s.Entries), sizes.Single(s => s.Key == AllImagesKey).Entries)
        {
            Spans = keySizes.Where(s => s.Span is not null).ToDictionary(s => s.Key, s => s.Span!),
        };
    }

    /// <summary>A key's size row; null before its first filing.</summary>
    private async Task<TableEntity?> ReadSizeRowAsync(string key, CancellationToken cancellationToken)
    {
        var row = await TableFor(key).GetEntityIfExistsAsync<TableEntity>(key, SizeRowKey, SizeColumns, cancellationToken);
        return row.HasValue ? row.Value : null;
    }

    private static long EntriesOf(TableEntity? sizeRow) => sizeRow?.GetInt64("Entries") ?? 0;

    private static SearchKeySpan? SpanOf(TableEntity? sizeRow) =>
        sizeRow?.GetString(Newest) is { } newest && sizeRow.GetString(Oldest) is { } oldest ? new SearchKeySpan(newest, oldest) : null;

    public async Task<EntryPage> ListAsync(string key, string? word, int limit, string? afterImageId, string? beforeImageId, CancellationToken cancellationToken)
    {
        // A row-key range, not the service's continuation: a search may stop part-way through a page and resume there.
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {key} and RowKey gt {afterImageId ?? ""} and RowKey lt {beforeImageId ?? SizeRowKey}");
        if (word is not null)
        {
            filter += $" and ({WordFilter(word)})";
        }
        var entries = new List<SearchEntry>();
        var more = false;
        await foreach (var page in TableFor(key).QueryAsync<TableEntity>(filter, limit, ["RowKey", "JobId", "Words"], cancellationToken).AsPages(pageSizeHint: limit))
        {
            entries.AddRange(page.Values.Select(e => new SearchEntry(e.GetString("JobId") ?? "", e.RowKey, (e.GetString("Words") ?? "").Split(' '))));
            // The service may answer a filtered query with a short or empty page and more to come: read on to some entries.
            more = page.ContinuationToken is not null;
            if (entries.Count > 0 || !more)
            {
                break;
            }
        }
        return new EntryPage(entries, more || entries.Count == limit ? entries[^1].ImageId : null);
    }

    /// <summary>
    /// Entries with a word that begins with <paramref name="word"/>, decided by the table service from the word
    /// columns, so entries of the key's other words are never sent: an entry lists its first <see cref="WordColumns"/>
    /// words one a column, and is always sent when it has more.
    /// </summary>
    private static string WordFilter(string word)
    {
        var end = word[..^1] + (char)(word[^1] + 1);
        return string.Join(" or ", Enumerable.Range(0, WordColumns).Select(i => TableClient.CreateQueryFilter($"(W{i} ge {word} and W{i} lt {end})")))
            + $" or {MoreWords} eq true";
    }

    public async Task RemoveAsync(string key, string imageId, CancellationToken cancellationToken) =>
        await TableFor(key).DeleteEntityAsync(key, imageId, ETag.All, cancellationToken);

    private static IEnumerable<TableEntity> Entries(ImageRecord image) =>
        SearchWords.FilingOf(image).Select(key =>
        {
            var entry = new TableEntity(key.Key, image.Id) { ["JobId"] = image.JobId, ["Words"] = string.Join(' ', key.Value) };
            foreach (var (word, i) in key.Value.Take(WordColumns).Select((w, i) => (w, i)))
            {
                entry[$"W{i}"] = word;
            }
            if (key.Value.Count > WordColumns)
            {
                entry[MoreWords] = true;
            }
            return entry;
        });

    private TableClient TableFor(string key) => _tables[StorageNames.SearchTableOf(key)];
}
