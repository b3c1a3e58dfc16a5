using GenImageFactory.Domain.Images;
using GenImageFactory.Pipeline.Ports;
using SkiaSharp;

namespace GenImageFactory.Infrastructure.Imaging;

/// <summary>Cuts a grid into equal cells with SkiaSharp; a grid whose size does not divide evenly loses its last pixels.</summary>
public sealed class SkiaImageGridSplitter : IImageGridSplitter
{
    public IReadOnlyList<byte[]> Split(ReadOnlySpan<byte> grid, int side)
    {
        using var data = SKData.CreateCopy(grid);
        using var codec = SKCodec.Create(data) ?? throw new InvalidDataException("The grid is not an image SkiaSharp can read.");
        if (!ImageLimits.Allows(codec.Info.Width, codec.Info.Height))
        {
            throw new InvalidDataException(ImageLimits.Refusal(codec.Info.Width, codec.Info.Height));
        }
        using var bitmap = SKBitmap.Decode(codec) ?? throw new InvalidDataException("The grid could not be decoded.");
        var (width, height) = (bitmap.Width / side, bitmap.Height / side);
        if (width == 0 || height == 0)
        {
            throw new InvalidDataException($"A {bitmap.Width}x{bitmap.Height} image is too small for a {side}x{side} grid.");
        }
        var cells = new List<byte[]>(side * side);
        for (var row = 0; row < side; row++)
        {
            for (var column = 0; column < side; column++)
            {
                using var cell = new SKBitmap(width, height, bitmap.ColorType, bitmap.AlphaType);
                if (!bitmap.ExtractSubset(cell, SKRectI.Create(column * width, row * height, width, height)))
                {
                    throw new InvalidDataException("The grid's cells could not be cut.");
                }
                using var image = SKImage.FromBitmap(cell);
                using var png = image.Encode(SKEncodedImageFormat.Png, 100);
                cells.Add(png.ToArray());
            }
        }
        return cells;
    }
}
