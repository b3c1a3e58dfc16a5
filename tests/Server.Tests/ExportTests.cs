using System.IO.Compression;
using System.Net;
using System.Text.Json;
using CsvHelper;
using GenImageFactory.Emulators.PiApi;
using GenImageFactory.Server.Tests.Support;
using GenImageFactory.Pipeline.Models;
using GenImageFactory.Pipeline.Ports;
using Microsoft.Extensions.DependencyInjection;
using SkiaSharp;

namespace GenImageFactory.Server.Tests;

/// <summary>Exports read back with the same libraries a user's tools would use: the workbook, the ZIPs and the CSV.</summary>
public class ExportTests(FactoryFixture factory) : IClassFixture<FactoryFixture>
{
    /// <summary>Two generations: one approved (4 images), one blank and failed by QC (4 images).</summary>
    private async Task<(string JobId, List<JsonElement> Images)> RunJobAsync()
    {
        var jobId = await factory.Client.StartJobAsync(Configurations.Job(2, keywords: $"sunlit vineyard\n{PiApiEmulatorOptions.BlankMarker}", aspectRatios: "16:9"));
        await factory.Client.WaitForJobAsync(jobId, TimeSpan.FromMinutes(3));
        return (jobId, await factory.Client.ListImagesAsync(jobId));
    }

    private static string Tags(JsonElement image) =>
        string.Join(", ", image.GetProperty("metadata").GetProperty("tags").EnumerateArray().Select(t => t.GetString()));

    private static List<JsonElement> Approved(List<JsonElement> images) =>
        images.Where(i => i.GetProperty("qcStatus").GetString() == "approved").ToList();

    [Fact]
    public async Task JobWorkbook_HoldsEveryFieldAndSetting_AndOneRowPerImage()
    {
        var (jobId, images) = await RunJobAsync();

        using var response = await factory.Http.GetAsync($"api/jobs/{jobId}/export.xlsx");
        var xlsx = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(["Job Summary", "Images"], Workbooks.SheetNames(xlsx));
        var summary = Workbooks.Rows(xlsx, "Job Summary").ToDictionary(r => (string)r["Field"]!, r => r["Value"]?.ToString());
        Assert.Equal(jobId, summary["id"]);
        Assert.Equal("completed", summary["status"]);
        Assert.Equal("4", summary["approvedImages"]);
        Assert.Equal("2", summary["configuration.parameters.count"]);
        Assert.Equal("16:9", summary["configuration.parameters.aspectRatios"]);
        Assert.Equal("true", summary["configuration.ai.runQualityCheck"]);
        Assert.Contains("configuration.processing.jpgBackground", summary.Keys);

        var rows = Workbooks.Rows(xlsx, "Images");
        Assert.Equal(images.Select(i => i.GetProperty("id").GetString()), rows.Select(r => r["Id"]));
        foreach (var (image, row) in images.Zip(rows))
        {
            Assert.Equal(image.GetProperty("qcStatus").GetString(), row["QC Status"]);
            Assert.Equal(image.GetProperty("prompt").GetString(), row["Prompt"]);
            var hasMetadata = image.GetProperty("metadata").ValueKind == JsonValueKind.Object;
            Assert.Equal(hasMetadata ? image.GetProperty("metadata").GetProperty("title").GetString() : null, row["Title"]);
            Assert.Equal(hasMetadata ? Tags(image) : null, row["Tags"]);
            Assert.IsType<DateTime>(row["Created"]);
        }
        Assert.Equal(4, rows.Count(r => (string?)r["QC Status"] == "qc_failed" && r["QC Reason"] is string { Length: > 0 }));
    }

    [Fact]
    public async Task BulkExport_IsAZipOfOneWorkbookPerJob_AndASummaryListingUnknownIds()
    {
        var (first, _) = await RunJobAsync();
        var (second, _) = await RunJobAsync();
        var unknown = "2519999999999999999-0badf00d";

        using var response = await factory.Http.PostAsJsonAsync("api/jobs/export", new { jobIds = new[] { first, second, unknown, "' or PartitionKey ne '" } });
        using var zip = new ZipArchive(new MemoryStream(await response.Content.ReadAsByteArrayAsync()));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal([$"{first}.xlsx", $"{second}.xlsx", "summary.xlsx"], zip.Entries.Select(e => e.FullName));
        var second_ = await EntryBytesAsync(zip, $"{second}.xlsx");
        Assert.Equal(8, Workbooks.Rows(second_, "Images").Count);
        var summary = Workbooks.Rows(await EntryBytesAsync(zip, "summary.xlsx"), "Jobs");
        Assert.Equal([first, second, unknown, "' or PartitionKey ne '"], summary.Select(r => r["Job Id"]));
        Assert.Equal(["completed", "completed", "not found", "not a job id"], summary.Select(r => r["Status"]));
    }

    [Fact]
    public async Task GalleryZip_HoldsTheApprovedImages_AndTheirMetadataSheet()
    {
        var (jobId, images) = await RunJobAsync();
        var approved = Approved(images);

        using var response = await factory.Http.GetAsync($"api/images/export.zip?jobId={jobId}");
        using var zip = new ZipArchive(new MemoryStream(await response.Content.ReadAsByteArrayAsync()));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/zip", response.Content.Headers.ContentType?.MediaType);
        var imageEntries = zip.Entries.Where(e => e.FullName.StartsWith("images/", StringComparison.Ordinal)).ToList();
        Assert.Equal(approved.Select(i => $"images/{i.GetProperty("id").GetString()}.png"), imageEntries.Select(e => e.FullName));
        foreach (var entry in imageEntries)
        {
            using var bitmap = SKBitmap.Decode(await EntryBytesAsync(zip, entry.FullName));
            Assert.NotNull(bitmap);
            Assert.True(bitmap.Width > bitmap.Height, $"{entry.FullName} is {bitmap.Width}x{bitmap.Height}, not 16:9");
        }
        var metadata = Workbooks.Rows(await EntryBytesAsync(zip, "metadata.xlsx"), "Metadata");
        Assert.Equal(["Image Name", "Title", "Description", "Tags", "Date"], metadata[0].Keys);
        Assert.Equal(imageEntries.Select(e => e.Name), metadata.Select(r => r["Image Name"]));
        Assert.Equal(approved.Select(i => i.GetProperty("metadata").GetProperty("title").GetString()), metadata.Select(r => r["Title"]));
        Assert.Equal(approved.Select(Tags), metadata.Select(r => r["Tags"]));
    }

    [Fact]
    public async Task Exports_OfMetadataThatLooksLikeAFormula_AreInert()
    {
        var (jobId, images) = await RunJobAsync();
        var records = factory.Services.GetRequiredService<IImageRecordStore>();
        var image = (await records.GetAsync(jobId, Approved(images)[0].GetProperty("id").GetString()!, CancellationToken.None))!;
        const string formula = "=HYPERLINK(\"https://evil.example\",\"click\")";
        await records.UpsertAsync(jobId, [image with { Metadata = new ImageMetadata(formula, "+SUM(1,2) looks like a sum", ["@cmd", "-2+3", "tag"]) }], CancellationToken.None);

        var csv = await factory.Http.GetStringAsync($"api/images/export.csv?jobId={jobId}");
        using var zip = new ZipArchive(await factory.Http.GetStreamAsync($"api/images/export.zip?jobId={jobId}"));
        var gallerySheet = await ReadAllAsync(zip.GetEntry("metadata.xlsx")!.Open());
        var jobWorkbook = await factory.Http.GetByteArrayAsync($"api/jobs/{jobId}/export.xlsx");

        using var reader = CsvReader.FromText(csv, new CsvReaderOptions { HasHeader = false });
        var rows = new List<string[]>();
        while (reader.Read())
        {
            rows.Add(Enumerable.Range(0, reader.FieldCount).Select(i => reader.GetString(i)).ToArray());
        }
        var row = rows.Single(r => r[1].Contains("HYPERLINK", StringComparison.Ordinal));
        Assert.Equal("'" + formula, row[1]);
        Assert.StartsWith("'+SUM", row[2]);
        foreach (var workbook in new[] { gallerySheet, jobWorkbook })
        {
            using var xlsx = new ZipArchive(new MemoryStream(workbook));
            foreach (var sheet in xlsx.Entries.Where(e => e.FullName.StartsWith("xl/worksheets/", StringComparison.Ordinal)))
            {
                using var xml = new StreamReader(sheet.Open());
                // A formula cell is an <f> element (with or without a namespace prefix).
                Assert.DoesNotMatch(@"<(\w+:)?f[\s>/]", await xml.ReadToEndAsync());
            }
            Assert.Contains(formula.Replace("\"", "&quot;", StringComparison.Ordinal), await AllTextAsync(xlsx), StringComparison.Ordinal);
        }
    }

    private static async Task<byte[]> ReadAllAsync(Stream stream)
    {
        using var buffer = new MemoryStream();
        await stream.CopyToAsync(buffer);
        return buffer.ToArray();
    }

    private static async Task<string> AllTextAsync(ZipArchive xlsx)
    {
        var text = new System.Text.StringBuilder();
        foreach (var entry in xlsx.Entries.Where(e => e.FullName.EndsWith(".xml", StringComparison.Ordinal)))
        {
            using var reader = new StreamReader(entry.Open());
            text.Append(await reader.ReadToEndAsync());
        }
        return text.ToString();
    }

    [Fact]
    public async Task StockCsv_HasOneQuotedRowPerApprovedImage()
    {
        var (jobId, images) = await RunJobAsync();
        var approved = Approved(images);

        using var response = await factory.Http.GetAsync($"api/images/export.csv?jobId={jobId}");
        var text = await response.Content.ReadAsStringAsync();
        using var csv = CsvReader.FromText(text, new CsvReaderOptions { HasHeader = false });
        var records = new List<string[]>();
        while (csv.Read())
        {
            records.Add(Enumerable.Range(0, csv.FieldCount).Select(i => csv.GetString(i)).ToArray());
        }

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(["Filename", "Title", "Description", "Keywords"], records[0]);
        Assert.Equal(approved.Count, records.Count - 1);
        foreach (var (image, record) in approved.Zip(records.Skip(1)))
        {
            Assert.Equal($"{image.GetProperty("id").GetString()}.png", record[0]);
            Assert.Equal(image.GetProperty("metadata").GetProperty("description").GetString(), record[2]);
            Assert.Equal(Tags(image), record[3]);
        }
    }

    [Theory]
    [InlineData("api/images/export.zip?qcStatus=shiny", "qcStatus")]
    [InlineData("api/images/export.csv?jobId=..%2Fsecrets", "jobId")]
    [InlineData("api/jobs/NOT_AN_ID/export.xlsx", "id")]
    public async Task BadExportRequests_Are400NamingTheField(string url, string field)
    {
        using var response = await factory.Http.GetAsync(url);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
    }

    private static async Task<byte[]> EntryBytesAsync(ZipArchive zip, string name)
    {
        await using var stream = await zip.GetEntry(name)!.OpenAsync();
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy);
        return copy.ToArray();
    }
}
