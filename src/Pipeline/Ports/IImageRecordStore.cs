using GenImageFactory.Pipeline.Models;

namespace GenImageFactory.Pipeline.Ports;

/// <summary>Image records, keyed by job id and mapping id.</summary>
public interface IImageRecordStore
{
    /// <summary>Inserts or replaces the records of one job in one transaction (same ids, same rows: idempotent).</summary>
    Task UpsertAsync(string jobId, IReadOnlyList<ImageRecord> images, CancellationToken cancellationToken);

    Task<ImageRecord?> GetAsync(string jobId, string imageId, CancellationToken cancellationToken);

    /// <summary>Replaces a record that still exists.</summary>
    /// <returns>The version written (its ETag); null (and nothing written) when it was deleted meanwhile.</returns>
    Task<string?> ReplaceExistingAsync(ImageRecord image, CancellationToken cancellationToken);

    /// <summary>Replaces a record that is still the version it was read at (<see cref="ImageRecord.ETag"/>).</summary>
    /// <returns>The version written (its ETag); null (and nothing written) when it was changed or deleted meanwhile.</returns>
    Task<string?> ReplaceIfUnchangedAsync(ImageRecord image, CancellationToken cancellationToken);

    /// <summary>Removes one image record.</summary>
    Task DeleteAsync(string jobId, string imageId, CancellationToken cancellationToken);

    /// <summary>Removes every image record of a job.</summary>
    Task DeleteJobAsync(string jobId, CancellationToken cancellationToken);

    /// <summary>The images of generations <paramref name="firstGeneration"/> to <paramref name="firstGeneration"/> + <paramref name="count"/> - 1 of a job, in generation order.</summary>
    Task<IReadOnlyList<ImageRecord>> ListGenerationsAsync(string jobId, int firstGeneration, int count, CancellationToken cancellationToken);

    /// <summary>A job's images in generation order, optionally of one QC status.</summary>
    Task<Page<ImageRecord>> ListByJobAsync(string jobId, string? qcStatus, int limit, string? continuation, CancellationToken cancellationToken);
}

public static class ImageRecordStoreExtensions
{
    /// <summary>Every image of a job in generation order (a table page holds at most 1000 entities).</summary>
    public static Task<List<ImageRecord>> ListAllOfJobAsync(this IImageRecordStore images, string jobId, CancellationToken cancellationToken) =>
        Pages.ReadAllAsync<ImageRecord>(continuation => images.ListByJobAsync(jobId, null, 1000, continuation, cancellationToken));
}
