using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;

namespace GenImageFactory.Infrastructure.Storage;

/// <summary>
/// Configuration JSON too large for a table property (keywords may take 1 MiB), kept in the <c>snapshots</c>
/// container: job snapshots (<c>&lt;jobId&gt;.json</c>) and saved configurations' versions.
/// </summary>
internal static class SnapshotBlobs
{
    /// <summary>Whether <paramref name="json"/> fits the row, or goes to a blob that the row names.</summary>
    public static bool FitsARow(string json) => json.Length <= TableText.MaxChars;

    public static Task UploadAsync(BlobContainerClient container, string name, string json, CancellationToken cancellationToken) =>
        container.GetBlobClient(name).UploadAsync(
            BinaryData.FromString(json),
            new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = "application/json" } },
            cancellationToken);

    public static async Task<string> ReadAsync(BlobContainerClient container, string name, CancellationToken cancellationToken) =>
        (await container.GetBlobClient(name).DownloadContentAsync(cancellationToken)).Value.Content.ToString();
}
