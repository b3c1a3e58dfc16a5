namespace GenImageFactory.Pipeline.Models;

public static class Pages
{
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
}
