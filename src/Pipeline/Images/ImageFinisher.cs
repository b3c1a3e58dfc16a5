using GenImageFactory.Domain.Configuration;
using GenImageFactory.Pipeline.Models;
using GenImageFactory.Pipeline.Ports;

namespace GenImageFactory.Pipeline.Images;

/// <summary>An image after post-processing, and what did not go as asked.</summary>
public sealed record FinishedImage(ImageRecord Record, IReadOnlyList<string> Notes);

/// <summary>
/// Post-processing of an approved image: always from the original as generated, which
/// stays in Blob Storage; the result is the final blob (<c>&lt;jobId&gt;/&lt;id&gt;.&lt;ext&gt;</c>) with its content
/// type, and the record points at it. Settings that change nothing leave the original as the final image.
/// </summary>
public sealed class ImageFinisher(IImageProcessor processor, IImageInspector inspector, IImageBlobStore blobs)
{
    public async Task<FinishedImage> FinishAsync(ImageRecord image, ReadOnlyMemory<byte> original, ProcessingSettings settings, CancellationToken cancellationToken)
    {
        if (!settings.ChangesImage())
        {
            return new FinishedImage(await ServeOriginalAsync(image, original, cancellationToken), []);
        }
        ProcessedImage processed;
        try
        {
            processed = await processor.ProcessAsync(original, settings, cancellationToken);
        }
        catch (InvalidDataException ex)
        {
            return new FinishedImage(image, [$"post-processing failed, kept the original: {ex.Message}"]);
        }
        var finalBlob = ImageBlobNames.Final(image.JobId, image.Id, processed.Facts.Extension);
        await blobs.PutAsync(finalBlob, processed.Content, processed.Facts.ContentType, cancellationToken);
        if (image.FinalBlob != image.OriginalBlob && image.FinalBlob != finalBlob)
        {
            // Redone in another format: the old final image goes.
            await blobs.DeleteAsync(image.FinalBlob, cancellationToken);
        }
        var record = image with
        {
            FinalBlob = finalBlob,
            ContentType = processed.Facts.ContentType,
            Width = processed.Facts.Width,
            Height = processed.Facts.Height,
        };
        return new FinishedImage(record, processed.Notes);
    }

    /// <summary>The original as the final image (a retry that turned processing off drops the processed copy).</summary>
    private async Task<ImageRecord> ServeOriginalAsync(ImageRecord image, ReadOnlyMemory<byte> original, CancellationToken cancellationToken)
    {
        if (image.FinalBlob == image.OriginalBlob)
        {
            return image;
        }
        await blobs.DeleteAsync(image.FinalBlob, cancellationToken);
        var facts = inspector.Inspect(original.Span);
        return image with { FinalBlob = image.OriginalBlob, ContentType = facts.ContentType, Width = facts.Width, Height = facts.Height };
    }
}
