using System.IO.Compression;
using GenImageFactory.Pipeline.Models;
using MiniExcelLibs;

namespace GenImageFactory.Api.Exports;

/// <summary>
/// A gallery download: <c>images/&lt;id&gt;.&lt;ext&gt;</c> for every image plus <c>metadata.xlsx</c> (Image Name,
/// Title, Description, Tags, Date), the sheet marketplaces' bulk upload forms are filled from.
/// </summary>
public sealed class GalleryArchive(IImageBlobStore blobs)
{
    public const string MetadataFile = "metadata.xlsx";
    public const string ImagesFolder = "images/";

    /// <returns>How many images the archive holds (an image whose blob is gone is left out).</returns>
    public async Task<int> WriteAsync(Stream destination, IAsyncEnumerable<ImageRecord> images, CancellationToken cancellationToken)
    {
        var rows = new List<Dictionary<string, object?>>();
        using var zip = new ZipArchive(destination, ZipArchiveMode.Create, leaveOpen: true);
        await foreach (var image in images.WithCancellation(cancellationToken))
        {
            var content = await blobs.OpenReadAsync(image.FinalBlob, cancellationToken);
            if (content is null)
            {
                continue;
            }
            var name = ImageBlobNames.DownloadName(image);
            // PNG, JPG and WEBP are compressed already: storing them saves CPU and loses nothing.
            await using (var entry = await zip.CreateEntry(ImagesFolder + name, CompressionLevel.NoCompression).OpenAsync(cancellationToken))
            await using (content.Content)
            {
                await content.Content.CopyToAsync(entry, cancellationToken);
            }
            rows.Add(new Dictionary<string, object?>
            {
                ["Image Name"] = name,
                ["Title"] = image.Metadata?.Title ?? "",
                ["Description"] = image.Metadata?.Description ?? "",
                ["Tags"] = ExcelCells.Tags(image.Metadata?.Tags),
                ["Date"] = ExcelCells.Time(image.CreatedAt),
            });
        }
        await using (var metadata = await zip.CreateEntry(MetadataFile).OpenAsync(cancellationToken))
        {
            await MiniExcel.SaveAsAsync(metadata, rows, sheetName: "Metadata", cancellationToken: cancellationToken);
        }
        return rows.Count;
    }
}
