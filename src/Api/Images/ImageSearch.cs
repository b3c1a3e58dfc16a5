using System.Runtime.CompilerServices;
using GenImageFactory.Pipeline.Images;
using GenImageFactory.Pipeline.Models;

namespace GenImageFactory.Api.Images;

/// <summary>
/// Images matching a filter, newest first: one job's partition when a job is named; else, for a query, the search
/// index partitions of its words (see <see cref="KeysToReadAsync"/>); else the status index. Candidates are checked
/// against their records and more are read until the page is full, so a search returns full pages however rare its
/// matches.
/// </summary>
public sealed class ImageSearch(IImageIndex index, IImageSearchIndex searchIndex, IImageRecordStore images)
{
    /// <summary>Records are read in parallel for an index page of this size at most.</summary>
    private const int ExportPageSize = 100;


    /// <exception cref="ArgumentException">The continuation token is not one of ours.</exception>
    public async Task<Page<ImageRecord>> PageAsync(ImageFilter filter, int limit, string? continuation, CancellationToken cancellationToken)
    {
        if (filter.JobId is null && SearchWords.IndexedKeysOf(filter.Words) is { Count: > 0 } keys)
        {
            var after = SearchContinuation.Decode(continuation);
            return await SearchAsync(filter, await CursorsAsync(keys, limit, after, cancellationToken), limit, cancellationToken);
        }
        var candidates = CandidatesOf(filter);
        return await Pages.ReadFilteredAsync((need, next) => candidates(need, next, cancellationToken), filter.Matches, limit, continuation);
    }

    /// <summary>
    /// Cursors over the query's keys worth reading: those listing fewer than half of the images, or the smallest when
    /// none does. A word in most images narrows nothing down: it is checked on the candidates' records, which are read
    /// anyway. A lone key starts with a small page (its first entries may well fill the page); keys read together
    /// meet only where their entries agree, so they read full pages from the start.
    /// </summary>
    private async Task<IReadOnlyList<SearchEntryCursor>> CursorsAsync(
        IReadOnlyDictionary<string, IReadOnlyList<string>> keys, int limit, string? after, CancellationToken cancellationToken)
    {
        var sizes = await searchIndex.SizesAsync(keys.Keys.ToList(), cancellationToken);
        var narrow = keys.Where(k => sizes.IsNarrow(k.Key)).ToDictionary();
        if (narrow.Count == 0)
        {
            var smallest = keys.MinBy(k => sizes.Entries.GetValueOrDefault(k.Key));
            narrow[smallest.Key] = smallest.Value;
        }
        var firstPage = narrow.Count == 1 ? Math.Clamp(limit * 4, 50, SearchEntryCursor.MaxPageSize) : SearchEntryCursor.MaxPageSize;
        return narrow.Select(k => new SearchEntryCursor(searchIndex, k.Key, k.Value, after, firstPage,
            SearchSlices.For(sizes.Spans.GetValueOrDefault(k.Key), sizes.Entries.GetValueOrDefault(k.Key), SearchEntryCursor.MaxPageSize))).ToList();
    }

    /// <summary>Every matching image, a page at a time (exports stream these).</summary>
    public async IAsyncEnumerable<ImageRecord> AllAsync(ImageFilter filter, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        string? continuation = null;
        do
        {
            var page = await PageAsync(filter, ExportPageSize, continuation, cancellationToken);
            foreach (var image in page.Items)
            {
                yield return image;
            }
            continuation = page.Continuation;
        }
        while (continuation is not null);
    }

    private delegate Task<Page<ImageRecord>> Candidates(int limit, string? continuation, CancellationToken cancellationToken);

    private Candidates CandidatesOf(ImageFilter filter)
    {
        if (filter.JobId is { } jobId)
        {
            return (limit, continuation, ct) => images.ListByJobAsync(jobId, filter.QcStatus, limit, continuation, ct);
        }
        return async (limit, continuation, ct) =>
        {
            var entries = await index.ListAsync(filter.QcStatus!, limit, continuation, ct);
            // The record is the truth: a row left by an interrupted status change is skipped (Matches checks the status).
            var records = await ReadAsync(entries.Items, ct);
            return new Page<ImageRecord>(records.OfType<ImageRecord>().DistinctBy(r => r.Id).ToList(), entries.Continuation);
        };
    }

    /// <summary>
    /// A page from the search index: each indexed query word's key is read in order, and an image in every one of
    /// them (a merge of sorted lists) is a candidate, whose record is then read and checked; records are read a
    /// page's worth at a time, in parallel. The continuation resumes after the last image settled.
    /// </summary>
    private async Task<Page<ImageRecord>> SearchAsync(ImageFilter filter, IReadOnlyList<SearchEntryCursor> cursors, int limit, CancellationToken cancellationToken)
    {
        var found = new List<ImageRecord>(limit);
        var candidates = new List<SearchEntry>();
        while (true)
        {
            var candidate = await NextInEveryKeyAsync(cursors, cancellationToken);
            if (candidate is not null)
            {
                candidates.Add(candidate);
                if (candidates.Count < limit - found.Count)
                {
                    continue;
                }
            }
            // Check what is gathered, in order: the page may fill part-way, and then resumes after its last image.
            var records = await ReadAsync(candidates.Select(e => (e.JobId, e.ImageId)).ToList(), cancellationToken);
            foreach (var (entry, record) in candidates.Zip(records))
            {
                if (record is null)
                {
                    // The image is gone: its entries go as they are met.
                    await Task.WhenAll(cursors.Select(c => searchIndex.RemoveAsync(c.Key, entry.ImageId, cancellationToken)));
                }
                else if (filter.Matches(record))
                {
                    found.Add(record);
                    if (found.Count == limit)
                    {
                        return new Page<ImageRecord>(found, SearchContinuation.Encode(entry.ImageId));
                    }
                }
            }
            candidates.Clear();
            if (candidate is null)
            {
                // Either a key has no more entries (the end), or the reads allowed for one page are spent.
                // An image one key has passed is settled: not in that key (so in no result) or a candidate checked above.
                var settled = cursors.Select(c => c.Settled).OfType<string>().Max(StringComparer.Ordinal);
                return new Page<ImageRecord>(found, Spent(cursors) && settled is not null ? SearchContinuation.Encode(settled) : null);
            }
        }
    }

    private static bool Spent(IReadOnlyList<SearchEntryCursor> cursors) => cursors.Sum(c => c.Reads) >= Pages.MaxReadsPerFilteredPage * cursors.Count;

    /// <summary>The next image every key lists, or null when a key ends or the page's reads are spent.</summary>
    private static async Task<SearchEntry?> NextInEveryKeyAsync(IReadOnlyList<SearchEntryCursor> cursors, CancellationToken cancellationToken)
    {
        while (!Spent(cursors))
        {
            // Keys that need their next page read it side by side.
            var peeked = await Task.WhenAll(cursors.Select(c => c.PeekAsync(cancellationToken)));
            if (peeked.Any(h => h is null))
            {
                return null;
            }
            var heads = peeked.OfType<SearchEntry>().ToList();
            var furthest = heads.Select(h => h.ImageId).Max(StringComparer.Ordinal)!;
            if (heads.All(h => h.ImageId == furthest))
            {
                cursors.ToList().ForEach(c => c.Pop());
                return heads[0];
            }
            // Keys behind the furthest head skip ahead: nothing before it is in every key.
            foreach (var (cursor, head) in cursors.Zip(heads).Where(p => string.CompareOrdinal(p.Second.ImageId, furthest) < 0))
            {
                cursor.Pop();
            }
        }
        return null;
    }

    private Task<ImageRecord?[]> ReadAsync(IReadOnlyList<(string JobId, string ImageId)> entries, CancellationToken cancellationToken) =>
        Task.WhenAll(entries.Select(e => images.GetAsync(e.JobId, e.ImageId, cancellationToken)));
}
