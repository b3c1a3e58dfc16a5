using GenImageFactory.Domain.Images;
using SkiaSharp;

namespace GenImageFactory.Emulators.RemoveBg;

/// <summary>
/// The emulator's background removal, real enough for trimming to have something to trim: a flood fill from
/// every border pixel through neighbours of nearly the same colour (so smooth gradients go, and subjects with
/// an edge stay), made fully transparent.
/// </summary>
public sealed class RemoveBgEmulator(RemoveBgEmulatorOptions options)
{
    /// <summary>remove.bg's "preview" size is at most 0.25 megapixels.</summary>
    public const int PreviewPixels = 250_000;

    /// <summary>Sum of channel differences under which a neighbour belongs to the same background.</summary>
    private const int Tolerance = 24;

    private long _requests;

    public RemoveBgEmulatorOptions Options { get; } = options;

    public long Requests => Interlocked.Read(ref _requests);

    internal long CountRequest() => Interlocked.Increment(ref _requests);

    public static byte[] RemoveBackground(ReadOnlySpan<byte> encoded, string size)
    {
        using var data = SKData.CreateCopy(encoded);
        using var codec = SKCodec.Create(data) ?? throw new InvalidDataException("image_file is not an image");
        if (!ImageLimits.Allows(codec.Info.Width, codec.Info.Height))
        {
            throw new InvalidDataException(ImageLimits.Refusal(codec.Info.Width, codec.Info.Height));
        }
        using var decoded = SKBitmap.Decode(codec, new SKImageInfo(codec.Info.Width, codec.Info.Height, SKColorType.Rgba8888, SKAlphaType.Unpremul));
        using var bitmap = size == "preview" ? Shrink(decoded) : decoded.Copy();
        var pixels = bitmap.Pixels;
        int width = bitmap.Width, height = bitmap.Height;
        var background = new bool[pixels.Length];
        var queue = new Queue<int>();
        for (var x = 0; x < width; x++)
        {
            Seed(x, 0);
            Seed(x, height - 1);
        }
        for (var y = 0; y < height; y++)
        {
            Seed(0, y);
            Seed(width - 1, y);
        }
        while (queue.Count > 0)
        {
            var index = queue.Dequeue();
            int x = index % width, y = index / width;
            Visit(index, x - 1, y);
            Visit(index, x + 1, y);
            Visit(index, x, y - 1);
            Visit(index, x, y + 1);
        }
        for (var i = 0; i < pixels.Length; i++)
        {
            if (background[i])
            {
                pixels[i] = pixels[i].WithAlpha(0);
            }
        }
        bitmap.Pixels = pixels;
        using var image = SKImage.FromBitmap(bitmap);
        using var png = image.Encode(SKEncodedImageFormat.Png, 100);
        return png.ToArray();

        void Seed(int x, int y)
        {
            var index = y * width + x;
            if (!background[index])
            {
                background[index] = true;
                queue.Enqueue(index);
            }
        }

        void Visit(int from, int x, int y)
        {
            if (x < 0 || y < 0 || x >= width || y >= height)
            {
                return;
            }
            var index = y * width + x;
            if (!background[index] && Distance(pixels[from], pixels[index]) <= Tolerance)
            {
                background[index] = true;
                queue.Enqueue(index);
            }
        }
    }

    private static int Distance(SKColor a, SKColor b) =>
        Math.Abs(a.Red - b.Red) + Math.Abs(a.Green - b.Green) + Math.Abs(a.Blue - b.Blue);

    private static SKBitmap Shrink(SKBitmap bitmap)
    {
        var scale = Math.Sqrt((double)PreviewPixels / (bitmap.Width * bitmap.Height));
        if (scale >= 1)
        {
            return bitmap.Copy();
        }
        var info = new SKImageInfo((int)(bitmap.Width * scale), (int)(bitmap.Height * scale), SKColorType.Rgba8888, SKAlphaType.Unpremul);
        return bitmap.Resize(info, new SKSamplingOptions(SKFilterMode.Linear));
    }
}
