namespace GenImageFactory.Pipeline.Models;

public static class Pages
{
    /// <summary>Reads of the source per filtered page at most; after that the page is returned short, with its continuation.</summary>
    public const int MaxReadsPerFilteredPage = 10;

    /// <summary>Every item of a paged list, following continuations to the end.</summary>
    public static async Task<List<T>> ReadAllAsync<T>(Func<string?, Task<Page<T>>> readPage)
    {
        var all = new List<T>();
        string? continuation = null;
        do
        {
            var page = await readPage(continuation);
            all.AddRange(page.Items);
            continuation = page.Continuation;
        }
        while (continuation is not null);
        return all;
    }

    /// <summary>
    /// A page of up to <paramref name="limit"/> items that <paramref name="keep"/> accepts, reading the source on until
    /// the page is full, the source ends, or <see cref="MaxReadsPerFilteredPage"/> reads are spent. Each read asks for
    /// no more than the page still needs, so every item read is one this page answered for, and the source's own
    /// continuation resumes exactly after it.
    /// </summary>
    public static async Task<Page<T>> ReadFilteredAsync<T>(Func<int, string?, Task<Page<T>>> readPage, Func<T, bool> keep, int limit, string? continuation)
    {
        var kept = new List<T>(limit);
        var reads = 0;
        do
        {
            var page = await readPage(limit - kept.Count, continuation);
            kept.AddRange(page.Items.Where(keep));
            continuation = page.Continuation;
        }
        while (kept.Count < limit && continuation is not null && ++reads < MaxReadsPerFilteredPage);
        return new Page<T>(kept, continuation);
    }
}
