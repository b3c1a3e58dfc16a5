namespace GenImageFactory.Pipeline.Ports;

/// <summary>Fetches a generated image from a provider's (temporary) URL, only from that provider's allowed hosts.</summary>
public interface IImageDownloader
{
    /// <exception cref="ImageDownloadException">The URL is not allowed, or the download failed.</exception>
    Task<byte[]> DownloadAsync(string provider, string url, CancellationToken cancellationToken);
}

public sealed class ImageDownloadException(string message, Exception? inner = null) : Exception(message, inner);
