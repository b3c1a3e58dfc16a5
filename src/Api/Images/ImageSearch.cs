using System.Runtime.CompilerServices;
using GenImageFactory.Pipeline.Images;
using GenImageFactory.Pipeline.Models;

namespace GenImageFactory.Api.Images;

/// <summary>
/// Images matching a filter, newest first: one job's partition when a job is named; else, for a query, the search
/// index partition of its longest word; else the status index. Candidates are checked against their records and
/// more are read until the page is full, so a search returns full pages however rare its matches.
/// </summary>
public sealed class ImageSearch(IImageIndex index, IImageSearchIndex searchIndex, IImageRecordStore images)
{
    /// <summary>Records are read in parallel for an index page of this size at most.</summary>
    private const int ExportPageSize = 100;

    /// <summary>Search entries per read at most (the table service's page): most are passed over by their words, unread.</summary>
    private const int MaxEntryPage = 1000;

    /// <exception cref="ArgumentException">The continuation token is not one of ours.</exception>
    public Task<Page<ImageRecord>> PageAsync(ImageFilter filter, int limit, string? continuation, CancellationToken cancellationToken)
    {
        if (filter.JobId is null && SearchWords.IndexedWordOf(filter.Words) is { } word)
        {
            return SearchAsync(filter, word, limit, continuation, cancellationToken);
        }
        var candidates = CandidatesOf(filter);
        return Pages.ReadFilteredAsync((need, next) => candidates(need, next, cancellationToken), filter.Matches, limit, continuation);
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
    /// A page from the search index: entries whose words cannot match are passed over, the others' records read (a
    /// page's worth at a time, in parallel) and checked in order; the continuation resumes after the last entry used.
    /// </summary>
    private async Task<Page<ImageRecord>> SearchAsync(ImageFilter filter, string word, int limit, string? continuation, CancellationToken cancellationToken)
    {
        var key = SearchWords.KeyOf(word);
        var found = new List<ImageRecord>(limit);
        // A few pages' worth first (a common word fills the page at once), more on each further read.
        var entryPage = Math.Min(10 * limit, MaxEntryPage);
        for (var reads = 0; reads < Pages.MaxReadsPerFilteredPage; reads++, entryPage = Math.Min(4 * entryPage, MaxEntryPage))
        {
            var entries = await searchIndex.ListAsync(key, entryPage, continuation, cancellationToken);
            var candidates = entries.Items.Where(e => e.Words.Any(w => w.StartsWith(word, StringComparison.Ordinal))).ToList();
            foreach (var chunk in candidates.Chunk(limit))
            {
                var records = await ReadAsync(chunk.Select(e => (e.JobId, e.ImageId)).ToList(), cancellationToken);
                foreach (var (entry, record) in chunk.Zip(records))
                {
                    if (record is null)
                    {
                        // The image is gone: its entry goes as it is met.
                        await searchIndex.RemoveAsync(key, entry.ImageId, cancellationToken);
                    }
                    else if (filter.Matches(record))
                    {
                        found.Add(record);
                        if (found.Count == limit)
                        {
                            return new Page<ImageRecord>(found, entry.Resume);
                        }
                    }
                }
            }
            continuation = entries.Continuation;
            if (continuation is null)
            {
                break;
            }
        }
        return new Page<ImageRecord>(found, continuation);
    }

    private Task<ImageRecord?[]> ReadAsync(IReadOnlyList<(string JobId, string ImageId)> entries, CancellationToken cancellationToken) =>
        Task.WhenAll(entries.Select(e => images.GetAsync(e.JobId, e.ImageId, cancellationToken)));
}
