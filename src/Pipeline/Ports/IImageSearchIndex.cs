using GenImageFactory.Pipeline.Models;

namespace GenImageFactory.Pipeline.Ports;

/// <summary>
/// Images by the words they contain (see <see cref="Images.SearchWords"/>), newest first, across every job. An entry
/// only says "look here": the image record decides, so entries left by a deleted image or changed text are harmless
/// and removed when a search meets them.
/// </summary>
public interface IImageSearchIndex
{
    /// <summary>Files the images under each of their keys (idempotent, but for the sizes, which count each filing).</summary>
    Task AddAsync(IReadOnlyList<ImageRecord> images, CancellationToken cancellationToken);

    /// <summary>
    /// Entries filed under <paramref name="key"/>, newest first, after the id <paramref name="afterImageId"/> (from the
    /// start when null) and before <paramref name="beforeImageId"/> (to the end when null); with <paramref name="word"/>,
    /// only (or mostly: the caller checks) those with a word beginning with it. The page may hold fewer than
    /// <paramref name="limit"/> entries; its continuation is null when that range has no more.
    /// </summary>
    Task<Page<SearchEntry>> ListAsync(string key, string? word, int limit, string? afterImageId, string? beforeImageId, CancellationToken cancellationToken);

    /// <summary>About how many entries each key holds, the ids they span, and how many images were filed in all.</summary>
    Task<SearchKeySizes> SizesAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken);

    /// <summary>Drops one entry whose image is gone.</summary>
    Task RemoveAsync(string key, string imageId, CancellationToken cancellationToken);
}

/// <summary>An image filed under a key, with its words that begin with the key.</summary>
public sealed record SearchEntry(string JobId, string ImageId, IReadOnlyList<string> Words);

/// <summary>
/// Entries filed per key and images filed in all, counted as they are filed (never lowered): enough to tell a key
/// that lists most images, which narrows a search down too little to be worth reading beside a rarer one.
/// </summary>
public sealed record SearchKeySizes(IReadOnlyDictionary<string, long> Entries, long Images)
{
    /// <summary>The newest and oldest image id filed under each key, for the keys whose every entry they bound.</summary>
    public IReadOnlyDictionary<string, SearchKeySpan> Spans { get; init; } = new Dictionary<string, SearchKeySpan>();

    /// <summary>The key lists fewer than half of the images: reading it narrows a search down.</summary>
    public bool IsNarrow(string key) => Entries.GetValueOrDefault(key) * 2 < Images;
}

/// <summary>The first and last image id (newest and oldest) filed under a key.</summary>
public sealed record SearchKeySpan(string Newest, string Oldest);
