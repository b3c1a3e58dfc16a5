using System.Net;
using GenImageFactory.Domain.Images;
using GenImageFactory.Pipeline.Ports;
using Microsoft.Extensions.Options;

namespace GenImageFactory.Infrastructure.Providers;

/// <summary>
/// Downloads generated images, only from the provider's allowed hosts. Redirects are followed by hand
/// so every hop is checked before a request is sent to it.
/// </summary>
public sealed class ImageDownloader(HttpClient http, IOptions<ProvidersOptions> options) : IImageDownloader
{
    private const int MaxRedirects = 3;
    private const long MaxBytes = ImageLimits.MaxEncodedBytes;

    public async Task<byte[]> DownloadAsync(string provider, string url, CancellationToken cancellationToken)
    {
        var allowed = options.Value.Get(provider).AllowedImageHosts;
        if (!Uri.TryCreate(url, UriKind.Absolute, out var current))
        {
            throw new ImageDownloadException($"'{url}' is not an absolute URL.");
        }

        for (var hop = 0; hop <= MaxRedirects; hop++)
        {
            if (!AllowedHosts.Allows(allowed, current))
            {
                throw new ImageDownloadException($"Downloads from {current.Host} are not allowed for provider {provider}.");
            }

            using var response = await SendAsync(current, cancellationToken);
            if (response.StatusCode is HttpStatusCode.Moved or HttpStatusCode.Found or HttpStatusCode.SeeOther
                or HttpStatusCode.TemporaryRedirect or HttpStatusCode.PermanentRedirect && response.Headers.Location is { } location)
            {
                current = new Uri(current, location);
                continue;
            }
            if (!response.IsSuccessStatusCode)
            {
                throw new ImageDownloadException($"Downloading {current.GetLeftPart(UriPartial.Path)} failed with {(int)response.StatusCode}.");
            }
            if (response.Content.Headers.ContentLength > MaxBytes)
            {
                throw TooLarge(current);
            }
            return await ReadCappedAsync(response.Content, current, cancellationToken);
        }
        throw new ImageDownloadException($"Downloading {url} was redirected more than {MaxRedirects} times.");
    }

    /// <summary>Streams the body in, stopping at the cap: a length the server did not declare (or lied about) cannot exhaust memory.</summary>
    private static async Task<byte[]> ReadCappedAsync(HttpContent content, Uri url, CancellationToken cancellationToken)
    {
        await using var stream = await content.ReadAsStreamAsync(cancellationToken);
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await stream.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > MaxBytes)
            {
                throw TooLarge(url);
            }
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }

    private static ImageDownloadException TooLarge(Uri url) =>
        new($"The image at {url.GetLeftPart(UriPartial.Path)} is larger than {MaxBytes} bytes.");

    private async Task<HttpResponseMessage> SendAsync(Uri url, CancellationToken cancellationToken)
    {
        try
        {
            return await http.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        }
        catch (HttpRequestException ex)
        {
            throw new ImageDownloadException($"Downloading {url.GetLeftPart(UriPartial.Path)} failed: {ex.Message}", ex);
        }
    }
}
