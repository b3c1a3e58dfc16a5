using GenImageFactory.Pipeline.Models;
using MiniExcelLibs;

namespace GenImageFactory.Api.Exports;

/// <summary>One execution as a workbook: sheet "Job Summary" (every field and setting) and sheet "Images".</summary>
public static class JobWorkbook
{
    public const string SummarySheet = "Job Summary";
    public const string ImagesSheet = "Images";

    public static Task WriteAsync(Stream destination, JobRecord job, IReadOnlyList<ImageRecord> images, CancellationToken cancellationToken)
    {
        var sheets = new Dictionary<string, object>
        {
            [SummarySheet] = JobFields.Of(job).Select(f => new Dictionary<string, object?>
            {
                ["Field"] = f.Name,
                ["Value"] = ExcelCells.Text(f.Value),
            }),
            [ImagesSheet] = images.Select(ImageRow),
        };
        return MiniExcel.SaveAsAsync(destination, sheets, cancellationToken: cancellationToken);
    }

    private static Dictionary<string, object?> ImageRow(ImageRecord image) => new()
    {
        ["Id"] = image.Id,
        ["Prompt"] = ExcelCells.Text(image.Prompt),
        ["QC Status"] = image.QcStatus,
        ["QC Reason"] = ExcelCells.Text(image.QcReason),
        ["Title"] = image.Metadata?.Title ?? "",
        ["Description"] = image.Metadata?.Description ?? "",
        ["Tags"] = ExcelCells.Tags(image.Metadata?.Tags),
        ["Aspect Ratio"] = image.AspectRatio,
        ["Width"] = image.Width,
        ["Height"] = image.Height,
        ["Created"] = ExcelCells.Time(image.CreatedAt),
    };
}
