namespace GenImageFactory.Pipeline.Ports;

/// <summary>Image bytes in Blob Storage, addressed by blob name within the images container.</summary>
public interface IImageBlobStore
{
    /// <summary>Writes the blob unless it already exists (a retried step keeps the first copy).</summary>
    Task PutIfAbsentAsync(string blobName, ReadOnlyMemory<byte> content, string contentType, CancellationToken cancellationToken);

    /// <summary>Writes the blob, replacing what is there (a processed image redone with other settings).</summary>
    Task PutAsync(string blobName, ReadOnlyMemory<byte> content, string contentType, CancellationToken cancellationToken);

    /// <summary>Removes one blob if it exists.</summary>
    Task DeleteAsync(string blobName, CancellationToken cancellationToken);

    /// <summary>Removes every blob of a job (<c>&lt;jobId&gt;/...</c>).</summary>
    Task DeleteJobAsync(string jobId, CancellationToken cancellationToken);

    /// <summary>Opens the blob for reading, or null when it does not exist.</summary>
    Task<BlobContent?> OpenReadAsync(string blobName, CancellationToken cancellationToken);
}

public sealed record BlobContent(Stream Content, string ContentType, long Length);
