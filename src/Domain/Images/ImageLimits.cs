namespace GenImageFactory.Domain.Images;

/// <summary>How large an image this product handles: checked from the header, before any pixel is decoded.</summary>
public static class ImageLimits
{
    /// <summary>50 megapixels: four times a 4K remove.bg result, far beyond what providers return, well within memory.</summary>
    public const long MaxPixels = 50_000_000;

    /// <summary>A downloaded or uploaded file larger than this is refused while it streams in.</summary>
    public const long MaxEncodedBytes = 50L * 1024 * 1024;

    public static bool Allows(int width, int height) => width > 0 && height > 0 && (long)width * height <= MaxPixels;

    public static string Refusal(int width, int height) => $"The image is {width}x{height}, over the limit of {MaxPixels / 1_000_000} megapixels.";
}
