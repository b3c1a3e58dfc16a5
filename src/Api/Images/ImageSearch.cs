using System.Runtime.CompilerServices;
using GenImageFactory.Pipeline.Models;

namespace GenImageFactory.Api.Images;

/// <summary>
/// Images matching a filter: one job's partition when a job is named, otherwise the status index (newest
/// first), so neither the gallery nor an export scans every job.
/// </summary>
public sealed class ImageSearch(IImageIndex index, IImageRecordStore images)
{
    /// <summary>Records are read in parallel for an index page of this size at most.</summary>
    private const int ExportPageSize = 100;

    /// <exception cref="ArgumentException">The continuation token is not one of ours.</exception>
    public async Task<Pipeline.Models.Page<ImageRecord>> PageAsync(ImageFilter filter, int limit, string? continuation, CancellationToken cancellationToken)
    {
        Pipeline.Models.Page<ImageRecord> page;
        if (filter.JobId is not null)
        {
            page = await images.ListByJobAsync(filter.JobId, filter.QcStatus, limit, continuation, cancellationToken);
        }
        else
        {
            var ids = await index.ListAsync(filter.QcStatus!, limit, continuation, cancellationToken);
            var records = await Task.WhenAll(ids.Items.Select(i => images.GetAsync(i.JobId, i.ImageId, cancellationToken)));
            // The record is the truth: a row left by an interrupted status change is skipped, not shown twice.
            page = new Pipeline.Models.Page<ImageRecord>(
                records.OfType<ImageRecord>().Where(r => r.QcStatus == filter.QcStatus).DistinctBy(r => r.Id).ToList(), ids.Continuation);
        }
        return page with { Items = page.Items.Where(filter.Matches).ToList() };
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
}
