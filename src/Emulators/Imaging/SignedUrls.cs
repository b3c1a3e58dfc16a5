namespace GenImageFactory.Emulators.Imaging;

/// <summary>
/// Provider CDNs hand out signed, expiring image URLs; the emulators do too, so the tests can prove the signature
/// (a bearer credential for the image) never reaches a message, a log line or a response.
/// </summary>
public static class SignedUrls
{
    /// <summary>Recognisable in any text it leaks into.</summary>
    public const string SignatureMarker = "emulated-signature";

    public static string Sign(string url) => $"{url}?se=2099-01-01T00%3A00%3A00Z&sp=r&sig={SignatureMarker}-{(uint)url.GetHashCode():x8}";
}
