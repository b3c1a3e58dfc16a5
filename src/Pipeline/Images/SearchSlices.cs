using System.Globalization;
using GenImageFactory.Domain.Jobs;
using GenImageFactory.Pipeline.Ports;

namespace GenImageFactory.Pipeline.Images;

/// <summary>
/// Reads a large search key a slice of its ids at a time. Image ids begin with their job's inverted-time prefix
/// (<see cref="JobId.InvertedTicks"/>), so a slice is a row-key range [after, before). The storage emulator sorts
/// every row a query matches before it takes a page, so an unbounded query on a key listing most images costs
/// the whole key however few entries it returns; a slice bounds that to about one page. (In Azure a partition
/// query reads in key order; slices cost a few more requests there and nothing else.)
/// </summary>
/// <remarks>
/// Slices follow one another with no gap, the last one open-ended, so every entry is read whatever its id: a
/// span from the index that is wrong or an id without the prefix costs speed, never results. A bound is the bare
/// 19-digit prefix, which no image id equals (an image id goes on after its job id).
/// </remarks>
public sealed class SearchSlices
{
    /// <summary>Below this many entries a whole-key query is cheap enough and slicing would only add requests.</summary>
    public const long MinEntries = 4_000;

    private const int PrefixLength = 19;

    private readonly long _oldest;
    private long _width;

    private SearchSlices(long newest, long oldest, long width)
    {
        Newest = newest;
        _oldest = oldest;
        _width = width;
    }

    private long Newest { get; }

    /// <summary>
    /// Slices of a key sized to hold about <paramref name="perSlice"/> of its <paramref name="entries"/> each, were
    /// they spread evenly over its span; null when the key is small or its span unknown (read it whole).
    /// </summary>
    public static SearchSlices? For(SearchKeySpan? span, long entries, int perSlice)
    {
        if (span is null || entries < MinEntries || !TryPrefix(span.Newest, out var newest) || !TryPrefix(span.Oldest, out var oldest) || oldest < newest)
        {
            return null;
        }
        var width = (long)Math.Ceiling((double)(oldest - newest + 1) * perSlice / entries);
        return new SearchSlices(newest, oldest, Math.Max(1, width));
    }

    /// <summary>
    /// Where the slice that starts after <paramref name="after"/> (an image id or a bound; the key's start when null)
    /// ends, exclusive; null when it runs to the key's end.
    /// </summary>
    public string? EndAfter(string? after)
    {
        var start = Newest;
        if (after is not null && !TryPrefix(after, out start))
        {
            return null;
        }
        start = Math.Max(start, Newest);
        return _oldest - start < _width ? null : (start + _width).ToString($"D{PrefixLength}", CultureInfo.InvariantCulture);
    }

    /// <summary>A slice held less than a page: entries are sparser here than on average, so the next is twice as wide.</summary>
    public void Widen() => _width = _width > long.MaxValue / 4 ? _width : _width * 2;

    private static bool TryPrefix(string id, out long prefix)
    {
        prefix = 0;
        return id.Length >= PrefixLength
            && id.AsSpan(0, PrefixLength).ContainsAnyExceptInRange('0', '9') is false
            && long.TryParse(id.AsSpan(0, PrefixLength), NumberStyles.None, CultureInfo.InvariantCulture, out prefix);
    }
}
