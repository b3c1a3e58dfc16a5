using GenImageFactory.Pipeline.Models;
using GenImageFactory.Pipeline.Ports;

namespace GenImageFactory.Pipeline.Images;

/// <summary>Removes one stored image whole: its index row, its blobs (original and final), then its record.</summary>
public sealed class ImageRemoval(IImageRecordStore images, IImageIndex index, IImageBlobStore blobs)
{
    public async Task RemoveAsync(ImageRecord image, CancellationToken cancellationToken)
    {
        await index.RemoveAsync(image, cancellationToken);
        await blobs.DeleteAsync(image.OriginalBlob, cancellationToken);
        if (image.FinalBlob != image.OriginalBlob)
        {
            await blobs.DeleteAsync(image.FinalBlob, cancellationToken);
        }
        await images.DeleteAsync(image.JobId, image.Id, cancellationToken);
    }
}
