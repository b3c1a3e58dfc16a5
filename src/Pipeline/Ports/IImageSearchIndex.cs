using GenImageFactory.Pipeline.Models;

namespace GenImageFactory.Pipeline.Ports;

/// <summary>
/// Images by the words they contain (see <see cref="Images.SearchWords"/>), newest first, across every job. An entry
/// only says "look here": the image record decides, so entries left by a deleted image or changed text are harmless
/// and removed when a search meets them.
/// </summary>
public interface IImageSearchIndex
{
    /// <summary>Files the images under each of their keys (idempotent).</summary>
    Task AddAsync(IReadOnlyList<ImageRecord> images, CancellationToken cancellationToken);

    /// <summary>Entries filed under <paramref name="key"/>, newest first; the page's continuation resumes after its last entry.</summary>
    /// <exception cref="ArgumentException">The continuation is not one this index gave for this key.</exception>
    Task<Page<SearchEntry>> ListAsync(string key, int limit, string? continuation, CancellationToken cancellationToken);

    /// <summary>Drops one entry whose image is gone.</summary>
    Task RemoveAsync(string key, string imageId, CancellationToken cancellationToken);
}

/// <summary>An image filed under a key, with its words that begin with the key.</summary>
/// <param name="Resume">The continuation that resumes after this entry, so a search can stop part-way through a page.</param>
public sealed record SearchEntry(string JobId, string ImageId, IReadOnlyList<string> Words, string Resume);
