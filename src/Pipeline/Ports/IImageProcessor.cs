using GenImageFactory.Domain.Configuration;

namespace GenImageFactory.Pipeline.Ports;

/// <summary>An image after post-processing, and what did not go as asked (kept as a note, never a failure).</summary>
public sealed record ProcessedImage(byte[] Content, ImageFacts Facts, IReadOnlyList<string> Notes);

/// <summary>Post-processing of approved images, in order: background removal, trim, enhancement, conversion.</summary>
public interface IImageProcessor
{
    Task<ProcessedImage> ProcessAsync(ReadOnlyMemory<byte> original, ProcessingSettings settings, CancellationToken cancellationToken);
}

/// <summary>Removes an image's background (remove.bg); the result is a PNG with transparency.</summary>
public interface IBackgroundRemover
{
    /// <exception cref="BackgroundRemovalException">The service could not do it (the original is kept).</exception>
    Task<byte[]> RemoveAsync(ReadOnlyMemory<byte> image, string size, CancellationToken cancellationToken);
}

public sealed class BackgroundRemovalException(string message, Exception? inner = null) : Exception(message, inner);

public static class ProcessingSettingsExtensions
{
    /// <summary>True when any step would change the image; otherwise the original is the final image.</summary>
    public static bool ChangesImage(this ProcessingSettings settings) =>
        settings.RemoveBg || settings.TrimTransparentBackground || settings.ImageEnhancement || settings.ImageConvert;
}
