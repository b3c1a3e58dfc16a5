using System.Buffers.Text;
using System.Text;

namespace GenImageFactory.Infrastructure.Storage;

/// <summary>
/// Wraps the table service's continuation in a URL-safe opaque token that names the listing it continues
/// (<c>jobs</c>, <c>images:&lt;jobId&gt;</c>...): a token handed to another listing is refused, not read as a position there.
/// </summary>
internal static class ContinuationToken
{
    public static string? Encode(string? raw, string listing) =>
        raw is null ? null : Base64Url.EncodeToString(Encoding.UTF8.GetBytes($"{listing}\n{raw}"));

    /// <exception cref="ArgumentException">The token is not one this service issued for <paramref name="listing"/>.</exception>
    public static string? Decode(string? token, string listing)
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
        if (!raw.StartsWith(listing + "\n", StringComparison.Ordinal))
        {
            throw Foreign(token);
        }
        raw = raw[(listing.Length + 1)..];
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

    private static ArgumentException Foreign(string token) => new("The continuation token is not one this service issued.");
}
