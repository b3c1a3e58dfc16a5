using CsvHelper;
using GenImageFactory.Pipeline.Models;

namespace GenImageFactory.Api.Exports;

/// <summary>
/// The CSV stock sites take with a bulk upload: Filename (as in the gallery ZIP), Title, Description and
/// Keywords (comma-separated, in one quoted cell). Written row by row as the images are read.
/// </summary>
public static class StockCsv
{
    public static readonly string[] Header = ["Filename", "Title", "Description", "Keywords"];

    private static readonly CsvWriterOptions InertCells = new()
    {
        Injection = CsvInjection.Escape,
        InjectionCharacters = "=+-@\t\r",
    };

    public static async Task WriteAsync(Stream destination, IAsyncEnumerable<ImageRecord> images, CancellationToken cancellationToken)
    {
        // Model-written text can start like a formula (=HYPERLINK(...)): such cells are escaped with a leading
        // apostrophe, as OWASP recommends, so a spreadsheet shows them instead of running them.
        await using var csv = CsvWriter.Create(destination, InertCells, leaveOpen: true);
        await csv.WriteRecordAsync(Header, cancellationToken);
        await foreach (var image in images.WithCancellation(cancellationToken))
        {
            await csv.WriteRecordAsync(
                [ImageBlobNames.DownloadName(image), image.Metadata?.Title ?? "", image.Metadata?.Description ?? "", ExcelCells.Tags(image.Metadata?.Tags)],
                cancellationToken);
        }
        await csv.FlushAsync(cancellationToken);
    }
}
