using GenImageFactory.Domain.Images;
using GenImageFactory.Pipeline.Ports;
using SkiaSharp;

namespace GenImageFactory.Infrastructure.Imaging;

/// <summary>Reads size and format from an image's header with SkiaSharp (no full decode).</summary>
public sealed class SkiaImageInspector : IImageInspector
{
    public ImageFacts Inspect(ReadOnlySpan<byte> encoded)
    {
        using var data = SKData.CreateCopy(encoded);
        using var codec = SKCodec.Create(data)
            ?? throw new InvalidDataException("The downloaded file is not an image SkiaSharp can read.");
        var (contentType, extension) = codec.EncodedFormat switch
        {
            SKEncodedImageFormat.Png => ("image/png", "png"),
            SKEncodedImageFormat.Jpeg => ("image/jpeg", "jpg"),
            SKEncodedImageFormat.Webp => ("image/webp", "webp"),
            SKEncodedImageFormat.Gif => ("image/gif", "gif"),
            var other => throw new InvalidDataException($"Images in {other} format are not supported."),
        };
        if (!ImageLimits.Allows(codec.Info.Width, codec.Info.Height))
        {
            throw new InvalidDataException(ImageLimits.Refusal(codec.Info.Width, codec.Info.Height));
        }
        return new ImageFacts(codec.Info.Width, codec.Info.Height, contentType, extension);
    }
}
