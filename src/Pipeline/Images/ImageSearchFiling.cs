using GenImageFactory.Pipeline.Models;
using GenImageFactory.Pipeline.Ports;

namespace GenImageFactory.Pipeline.Images;

/// <summary>
/// Puts a job's images in the search index a slice of generations at a time, as they end (while the others run),
/// or all at once when a job ends otherwise (failed, cancelled, closed by the sweep): the images of a job share
/// most of their words, so filing them together writes each key's entries in one transaction per hundred images
/// instead of one per image. Until then a search finds a running job's images only with its job named.
/// Filing again is harmless, so a retried or repeated ending files again.
/// </summary>
public sealed class ImageSearchFiling(IImageRecordStore images, IImageSearchIndex index)
{
    public async Task FileJobAsync(string jobId, CancellationToken cancellationToken) =>
        await index.AddAsync(await images.ListAllOfJobAsync(jobId, cancellationToken), cancellationToken);

    public async Task FileGenerationsAsync(string jobId, int firstGeneration, int count, CancellationToken cancellationToken) =>
        await index.AddAsync(await images.ListGenerationsAsync(jobId, firstGeneration, count, cancellationToken), cancellationToken);

    /// <summary>Files one changed image again when a review or retry changed its words.</summary>
    public async Task RefileAsync(ImageRecord before, ImageRecord after, CancellationToken cancellationToken)
    {
        if (!SearchWords.Of(after).SetEquals(SearchWords.Of(before)))
        {
            await index.AddAsync([after], cancellationToken);
        }
    }
}
