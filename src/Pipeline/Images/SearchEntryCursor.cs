using GenImageFactory.Pipeline.Ports;

namespace GenImageFactory.Pipeline.Images;

/// <summary>
/// One search key's entries in order (newest first), keeping only those with a word that each of the key's query
/// words begins (the store already leaves out most others). Pages start at <paramref name="firstPage"/> entries and grow fourfold up to what the table service
/// serves at once: a query's cost is mostly per request, then per entry returned, so a search whose first entries
/// fill its page reads few, and one that must go far reads in large steps. A large key is read in
/// <paramref name="slices"/> of its ids (see <see cref="SearchSlices"/>).
/// </summary>
public sealed class SearchEntryCursor(IImageSearchIndex index, string key, IReadOnlyList<string> words, string? after, int firstPage, SearchSlices? slices)
{
    /// <summary>The most entries one request returns (the table service's page).</summary>
    public const int MaxPageSize = 1000;

    /// <summary>The word the store filters the key's entries on: the query's longest in this key, the rarest.</summary>
    private readonly string? _filter = words.MaxBy(w => w.Length);

    private readonly Queue<SearchEntry> _entries = new();
    private string? _readAfter = after;
    private int _pageSize = firstPage;
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
            var before = slices?.EndAfter(_readAfter);
            var page = await index.ListAsync(key, _filter, _pageSize, _readAfter, before, cancellationToken);
            Reads++;
            foreach (var entry in page.Items.Where(e => words.All(q => e.Words.Any(w => w.StartsWith(q, StringComparison.Ordinal)))))
            {
                _entries.Enqueue(entry);
            }
            if (page.Continuation is not null)
            {
                _readAfter = page.Items[^1].ImageId;
            }
            else if (before is not null)
            {
                // The slice is read: the next begins where it ended, wider when this one held little.
                _readAfter = before;
                if (page.Items.Count < _pageSize / 2)
                {
                    slices!.Widen();
                }
            }
            else
            {
                _readAfter = page.Items.Count > 0 ? page.Items[^1].ImageId : _readAfter;
                _ended = true;
            }
            _pageSize = Math.Min(MaxPageSize, _pageSize * 4);
            if (_entries.Count == 0)
            {
                Settled = _readAfter;
            }
        }
        return _entries.TryPeek(out var next) ? next : null;
    }

    public void Pop() => Settled = _entries.Dequeue().ImageId;
}
