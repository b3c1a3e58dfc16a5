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
        string raw;
        try
        {
            raw = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(Base64Url.DecodeFromChars(token));
        }
        catch (Exception ex) when (ex is FormatException or DecoderFallbackException)
        {
            throw Foreign(token);
        }
        // The table service's own shape: "<next partition key> <next row key>", keys without the characters tables forbid.
        var parts = raw.Split(' ');
        if (parts.Length != 2 || parts[0].Length == 0 || raw.Length > MaxRawLength || !parts.All(IsKeyText))
        {
            throw Foreign(token);
        }
        return raw;
    }

    private const int MaxRawLength = 2048;

    private static bool IsKeyText(string key) => key.All(c => c is not ('/' or '\\' or '#' or '?') && !char.IsControl(c) && !char.IsSurrogate(c));

    private static ArgumentException Foreign(string token) => new("The continuation token is not one this service issued.", nameof(token));
}
