using GenImageFactory.Domain.Configuration;
using GenImageFactory.Domain.Keywords;
using SkiaSharp;

namespace GenImageFactory.Emulators.Imaging;

/// <summary>
/// Draws a real PNG of the requested aspect ratio whose colours and shapes derive from a seed (the prompt's hash).
/// The background gradient always spans at least <see cref="MinGradientContrast"/> of luminance, so only a
/// <c>blank</c> image ever looks blank to a quality check.
/// </summary>
public static class PlaceholderImageRenderer
{
    /// <summary>Least luminance difference (0-255) between the gradient's ends.</summary>
    public const double MinGradientContrast = 64;

    public static byte[] RenderPng(AspectRatio ratio, int longSide, ulong seed, bool blank = false)
    {
        var (width, height) = ratio.SizeWithLongSide(longSide);
        var state = seed;
        SKColor NextColor() { var v = StableHash.SplitMix64(ref state); return new SKColor((byte)v, (byte)(v >> 8), (byte)(v >> 16)); }
        float Next01() => (StableHash.SplitMix64(ref state) & 0xFFFF) / 65535f;

        using var surface = SKSurface.Create(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul));
        var canvas = surface.Canvas;
        if (blank)
        {
            canvas.Clear(SKColors.White);
        }
        else
        {
            using var background = new SKPaint();
            background.Shader = SKShader.CreateLinearGradient(
                new SKPoint(0, 0), new SKPoint(width, height), Contrasting(NextColor(), NextColor()), SKShaderTileMode.Clamp);
            canvas.DrawRect(0, 0, width, height, background);

            using var shape = new SKPaint { IsAntialias = true };
            for (var i = 0; i < 6; i++)
            {
                shape.Color = NextColor().WithAlpha(180);
                canvas.DrawCircle(Next01() * width, Next01() * height, (0.05f + Next01() * 0.25f) * Math.Min(width, height), shape);
            }
        }

        using var image = surface.Snapshot();
        // A raster surface's snapshot always has its pixels in memory.
        using var pixels = image.PeekPixels() ?? throw new InvalidOperationException("The rendered image has no pixels in memory.");
        using var png = pixels.Encode(FastPng) ?? throw new InvalidOperationException("The PNG encoder failed.");
        return png.ToArray();
    }

    /// <summary>Midjourney's 2x2 grid: four images (PNGs of one size) drawn into one PNG, row by row.</summary>
    public static byte[] GridPng(IReadOnlyList<byte[]> cells)
    {
        var bitmaps = cells.Select(c => SKBitmap.Decode(c) ?? throw new InvalidOperationException("A grid cell is not an image.")).ToList();
        try
        {
            var (width, height) = (bitmaps[0].Width, bitmaps[0].Height);
            using var surface = SKSurface.Create(new SKImageInfo(width * 2, height * 2, SKColorType.Rgba8888, SKAlphaType.Premul));
            for (var i = 0; i < bitmaps.Count; i++)
            {
                surface.Canvas.DrawBitmap(bitmaps[i], i % 2 * width, i / 2 * height);
            }
            using var image = surface.Snapshot();
            using var pixels = image.PeekPixels() ?? throw new InvalidOperationException("The rendered grid has no pixels in memory.");
            using var png = pixels.Encode(FastPng) ?? throw new InvalidOperationException("The PNG encoder failed.");
            return png.ToArray();
        }
        finally
        {
            bitmaps.ForEach(b => b.Dispose());
        }
    }

    /// <summary>
    /// One PNG filter and light compression: the encode is most of a render's CPU, and the default (every filter
    /// tried, zlib level 6) takes about three times as long for files half the size. The emulator is the provider's
    /// side of a test or bench run on the same cores as the factory: its work should not weigh on the figures.
    /// </summary>
    private static readonly SKPngEncoderOptions FastPng = new(SKPngEncoderFilterFlags.Sub, zLibLevel: 1);

    /// <summary>The two colours, the second pushed towards white or black when the two are too alike in luminance.</summary>
    private static SKColor[] Contrasting(SKColor from, SKColor to)
    {
        if (Math.Abs(Luminance(from) - Luminance(to)) >= MinGradientContrast)
        {
            return [from, to];
        }
        static byte Lighten(byte v) => (byte)(255 - (255 - v) / 4);
        static byte Darken(byte v) => (byte)(v / 4);
        return Luminance(from) < 128
            ? [from, new SKColor(Lighten(to.Red), Lighten(to.Green), Lighten(to.Blue))]
            : [from, new SKColor(Darken(to.Red), Darken(to.Green), Darken(to.Blue))];
    }

    private static double Luminance(SKColor c) => 0.2126 * c.Red + 0.7152 * c.Green + 0.0722 * c.Blue;
}
