using GenImageFactory.Pipeline.Models;

namespace GenImageFactory.Pipeline.Ports;

/// <summary>
/// Images across jobs by QC status, newest first, without scanning every job (the gallery and the review
/// lists). Kept beside the image records: every status change moves an image's index row.
/// </summary>
public interface IImageIndex
{
    /// <summary>Indexes the images under their current status (idempotent).</summary>
    Task AddAsync(IReadOnlyList<ImageRecord> images, CancellationToken cancellationToken);

    /// <summary>Removes an image's row for the status it had (idempotent).</summary>
    Task RemoveAsync(ImageRecord image, CancellationToken cancellationToken);

    /// <summary>(job id, image id) pairs of one status, newest first.</summary>
    Task<Page<(string JobId, string ImageId)>> ListAsync(string qcStatus, int limit, string? continuation, CancellationToken cancellationToken);
}
