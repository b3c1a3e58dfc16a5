using System.Buffers.Text;
using System.Text;

namespace GenImageFactory.Api.Images;

/// <summary>A search's continuation: the image id it resumes after, in an opaque, URL-safe token.</summary>
internal static class SearchContinuation
{
    private const string Prefix = "search:";

    public static string Encode(string imageId) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(Prefix + imageId));

    /// <exception cref="ArgumentException">Not a token a search gave.</exception>
    public static string? Decode(string? token) =>
        string.IsNullOrEmpty(token) ? null
        : ImageIdOf(token) ?? throw new ArgumentException("The continuation token is not one this service issued.");

    private static string? ImageIdOf(string token)
    {
        try
        {
            var raw = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(Base64Url.DecodeFromChars(token));
            if (raw.StartsWith(Prefix, StringComparison.Ordinal) && raw.Length is > 7 and < 200 && raw[Prefix.Length..].All(c => char.IsAsciiLetterOrDigit(c) || c == '-'))
            {
                return raw[Prefix.Length..];
            }
        }
        catch (Exception ex) when (ex is FormatException or DecoderFallbackException)
        {
        }
        return null;
    }
}
