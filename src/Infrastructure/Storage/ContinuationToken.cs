using System.Buffers.Text;
using System.Text;

namespace GenImageFactory.Infrastructure.Storage;

/// <summary>Wraps the table service's continuation in a URL-safe opaque token.</summary>
internal static class ContinuationToken
{
    public static string? Encode(string? raw) =>
        raw is null ? null : Base64Url.EncodeToString(Encoding.UTF8.GetBytes(raw));

    public static string? Decode(string? token)
    {
        if (string.IsNullOrEmpty(token))
        {
            return null;
        }
        try
        {
            return Encoding.UTF8.GetString(Base64Url.DecodeFromChars(token));
        }
        catch (FormatException)
        {
            throw new ArgumentException("The continuation token is not one this service issued.", nameof(token));
        }
    }
}
