namespace GenImageFactory.Pipeline.Models;

/// <summary>Blob names in the images container: <c>&lt;jobId&gt;/&lt;mappingId&gt;.original.&lt;ext&gt;</c> as generated.</summary>
public static class ImageBlobNames
{
    public static string Original(string jobId, string imageId, string extension) => $"{jobId}/{imageId}.original.{extension}";

    private const string StoredOriginalScheme = "stored-original:";

    /// <summary>
    /// An image source that names an original already in Blob Storage, in place of the provider's URL: what the
    /// submitted-task ledger keeps of a synchronous provider's answer (a signed URL is a credential, kept nowhere).
    /// </summary>
    public static string StoredOriginalSource(string blobName) => StoredOriginalScheme + blobName;

    /// <summary>The blob a <see cref="StoredOriginalSource"/> names; null for a provider's URL.</summary>
    public static string? StoredOriginalOf(string source) =>
        source.StartsWith(StoredOriginalScheme, StringComparison.Ordinal) ? source[StoredOriginalScheme.Length..] : null;

    /// <summary>The post-processed image served instead of the original: <c>&lt;jobId&gt;/&lt;mappingId&gt;.&lt;ext&gt;</c>.</summary>
    public static string Final(string jobId, string imageId, string extension) => $"{jobId}/{imageId}.{extension}";

    /// <summary>The file name a download or an export gives the image: its id and the served blob's extension.</summary>
    public static string DownloadName(ImageRecord image) => image.Id + Path.GetExtension(image.FinalBlob);
}
