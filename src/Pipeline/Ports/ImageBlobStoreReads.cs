namespace GenImageFactory.Pipeline.Ports;

public static class ImageBlobStoreReads
{
    /// <summary>A whole blob's bytes (an image to review or process again), or null when it does not exist.</summary>
    public static async Task<byte[]?> ReadAllBytesAsync(this IImageBlobStore blobs, string blobName, CancellationToken cancellationToken)
    {
        var blob = await blobs.OpenReadAsync(blobName, cancellationToken);
        if (blob is null)
        {
            return null;
        }
        await using var content = blob.Content;
        using var bytes = new MemoryStream();
        await content.CopyToAsync(bytes, cancellationToken);
        return bytes.ToArray();
    }
}
