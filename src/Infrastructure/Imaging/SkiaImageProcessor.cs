using GenImageFactory.Domain.Configuration;
using GenImageFactory.Domain.Images;
using GenImageFactory.Pipeline.Ports;
using Microsoft.Extensions.Logging;
using SkiaSharp;

namespace GenImageFactory.Infrastructure.Imaging;

/// <summary>
/// Post-processing with SkiaSharp: remove the background (remove.bg; on failure keep the original and say
/// why), trim transparent borders (only when the image has transparency), enhance (saturation through a
/// colour matrix, sharpening through a 3x3 convolution whose strength follows <c>sharpening</c> 0-10), then
/// encode: the requested format when converting, else PNG (lossless, keeps transparency); JPG is flattened
/// onto <c>jpgBackground</c> first because it has no alpha.
/// </summary>
public sealed class SkiaImageProcessor(IBackgroundRemover remover, IImageInspector inspector, ILogger<SkiaImageProcessor> logger) : IImageProcessor
{
    /// <summary>Pixels at most this opaque count as transparent when trimming (soft edges from background removal).</summary>
    private const byte TransparentAlpha = 8;

    public async Task<ProcessedImage> ProcessAsync(ReadOnlyMemory<byte> original, ProcessingSettings settings, CancellationToken cancellationToken)
    {
        var notes = new List<string>();
        var source = original;
        if (settings.RemoveBg)
        {
            try
            {
                source = await remover.RemoveAsync(original, settings.RemoveBgSize, cancellationToken);
            }
            catch (BackgroundRemovalException ex)
            {
                logger.BackgroundRemovalFailed(ex);
                notes.Add($"background removal failed, kept the original: {ex.Message}");
            }
        }

        using var decoded = Decode(source.Span);
        var bitmap = decoded;
        SKBitmap? trimmed = null;
        if (settings.TrimTransparentBackground)
        {
            if (TrimBounds(decoded) is { } bounds && bounds != new SKRectI(0, 0, decoded.Width, decoded.Height))
            {
                trimmed = new SKBitmap(bounds.Width, bounds.Height, decoded.ColorType, decoded.AlphaType);
                decoded.ExtractSubset(trimmed, bounds);
                bitmap = trimmed;
            }
            else if (!HasTransparency(decoded))
            {
                notes.Add("nothing to trim: the image has no transparent border");
            }
        }

        using (trimmed)
        {
            var format = settings.ImageConvert ? settings.ConvertTo : "png";
            var content = Encode(bitmap, settings, format);
            return new ProcessedImage(content, inspector.Inspect(content), notes);
        }
    }

    /// <summary>Decodes into one pixel layout for every step: 8-bit RGBA, unpremultiplied, so alpha reads as stored.</summary>
    private static SKBitmap Decode(ReadOnlySpan<byte> encoded)
    {
        using var data = SKData.CreateCopy(encoded);
        using var codec = SKCodec.Create(data) ?? throw new InvalidDataException("The image cannot be decoded for post-processing.");
        if (!ImageLimits.Allows(codec.Info.Width, codec.Info.Height))
        {
            // Checked from the header: a small file can claim a huge canvas, and decoding it would take the memory.
            throw new InvalidDataException(ImageLimits.Refusal(codec.Info.Width, codec.Info.Height));
        }
        var info = new SKImageInfo(codec.Info.Width, codec.Info.Height, SKColorType.Rgba8888, SKAlphaType.Unpremul);
        return SKBitmap.Decode(codec, info) ?? throw new InvalidDataException("The image cannot be decoded for post-processing.");
    }

    private static bool HasTransparency(SKBitmap bitmap) => bitmap.Pixels.Any(p => p.Alpha < byte.MaxValue);

    /// <summary>The smallest rectangle holding every pixel that is not (nearly) transparent; null when there is none.</summary>
    internal static SKRectI? TrimBounds(SKBitmap bitmap)
    {
        int left = bitmap.Width, top = bitmap.Height, right = -1, bottom = -1;
        var pixels = bitmap.Pixels;
        for (var y = 0; y < bitmap.Height; y++)
        {
            for (var x = 0; x < bitmap.Width; x++)
            {
                if (pixels[y * bitmap.Width + x].Alpha > TransparentAlpha)
                {
                    (left, right, top, bottom) = (Math.Min(left, x), Math.Max(right, x), Math.Min(top, y), Math.Max(bottom, y));
                }
            }
        }
        return right < 0 ? null : new SKRectI(left, top, right + 1, bottom + 1);
    }

    private static byte[] Encode(SKBitmap bitmap, ProcessingSettings settings, string format)
    {
        var info = new SKImageInfo(bitmap.Width, bitmap.Height, SKColorType.Rgba8888, SKAlphaType.Premul);
        using var surface = SKSurface.Create(info);
        var canvas = surface.Canvas;
        canvas.Clear(format == "jpg" ? (settings.JpgBackground == "black" ? SKColors.Black : SKColors.White) : SKColors.Transparent);
        using var paint = Enhancement(settings);
        canvas.DrawBitmap(bitmap, 0, 0, paint);
        using var image = surface.Snapshot();
        var (encoding, quality) = format switch
        {
            "jpg" => (SKEncodedImageFormat.Jpeg, settings.JpgQuality),
            "webp" => (SKEncodedImageFormat.Webp, settings.WebpQuality),
            _ => (SKEncodedImageFormat.Png, settings.PngQuality),
        };
        using var data = image.Encode(encoding, quality);
        return data.ToArray();
    }

    private static SKPaint? Enhancement(ProcessingSettings settings)
    {
        if (!settings.ImageEnhancement)
        {
            return null;
        }
        return new SKPaint
        {
            ColorFilter = SKColorFilter.CreateColorMatrix(SaturationMatrix((float)settings.Saturation)),
            ImageFilter = settings.Sharpening > 0 ? Sharpen((float)settings.Sharpening / 10f) : null,
        };
    }

    /// <summary>The standard saturation matrix on Rec. 709 luminance: 0 grey, 1 unchanged, 2 twice as vivid.</summary>
    internal static float[] SaturationMatrix(float s)
    {
        const float r = 0.2126f, g = 0.7152f, b = 0.0722f;
        return
        [
            r * (1 - s) + s, g * (1 - s), b * (1 - s), 0, 0,
            r * (1 - s), g * (1 - s) + s, b * (1 - s), 0, 0,
            r * (1 - s), g * (1 - s), b * (1 - s) + s, 0, 0,
            0, 0, 0, 1, 0,
        ];
    }

    /// <summary>An unsharp-style 3x3 kernel (centre 1 + 4k, edges -k) that keeps overall brightness; k up to 1.</summary>
    private static SKImageFilter Sharpen(float strength)
    {
        var k = strength;
        float[] kernel = [0, -k, 0, -k, 1 + 4 * k, -k, 0, -k, 0];
        return SKImageFilter.CreateMatrixConvolution(new SKSizeI(3, 3), kernel, 1f, 0f, new SKPointI(1, 1), SKShaderTileMode.Clamp, convolveAlpha: false);
    }
}
