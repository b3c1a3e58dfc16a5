namespace GenImageFactory.Api.Images;

/// <summary>
/// One search key's entries in order (newest first), keeping only those with a word that each of the key's query
/// words begins; read a page at a time, each as large as the table service serves (the storage emulator's cost
/// is mostly per query, not per entry).
/// </summary>
internal sealed class SearchEntryCursor(IImageSearchIndex index, string key, IReadOnlyList<string> words, string? after)
{
    private const int PageSize = 1000;

    private readonly Queue<SearchEntry> _entries = new();
    private string? _readAfter = after;
    private bool _ended;

    public string Key => key;

    /// <summary>Every entry up to this image id has been passed (used or skipped); null before any.</summary>
    public string? Settled { get; private set; } = after;

    public int Reads { get; private set; }

    /// <summary>The next entry, or null when the key has no more.</summary>
    public async Task<SearchEntry?> PeekAsync(CancellationToken cancellationToken)
    {
        while (_entries.Count == 0 && !_ended)
        {
            var page = await index.ListAsync(key, PageSize, _readAfter, cancellationToken);
            Reads++;
            foreach (var entry in page.Items.Where(e => words.All(q => e.Words.Any(w => w.StartsWith(q, StringComparison.Ordinal)))))
            {
                _entries.Enqueue(entry);
            }
            _ended = page.Continuation is null;
            _readAfter = page.Items.Count > 0 ? page.Items[^1].ImageId : _readAfter;
            if (_entries.Count == 0)
            {
                Settled = _readAfter;
            }
        }
        return _entries.TryPeek(out var next) ? next : null;
    }

    public void Pop() => Settled = _entries.Dequeue().ImageId;
}
