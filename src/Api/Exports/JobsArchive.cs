using System.IO.Compression;
using GenImageFactory.Domain.Jobs;
using GenImageFactory.Pipeline.Models;
using MiniExcelLibs;

namespace GenImageFactory.Api.Exports;

/// <summary>A bulk job export: one workbook per job (<c>&lt;jobId&gt;.xlsx</c>) and <c>summary.xlsx</c> with a row per requested id.</summary>
public sealed class JobsArchive(IJobStore jobs, IImageRecordStore images)
{
    public const string SummaryFile = "summary.xlsx";

    public async Task WriteAsync(Stream destination, IReadOnlyList<string> jobIds, CancellationToken cancellationToken)
    {
        var summary = new List<Dictionary<string, object?>>();
        using var zip = new ZipArchive(destination, ZipArchiveMode.Create, leaveOpen: true);
        foreach (var jobId in jobIds.Distinct(StringComparer.Ordinal))
        {
            var isJobId = JobId.IsValid(jobId);
            var job = isJobId ? await jobs.GetAsync(jobId, cancellationToken) : null;
            if (job is null)
            {
                summary.Add(SummaryRow(jobId, null, null, isJobId ? RejectionReasons.NotFound : RejectionReasons.NotAJobId));
                continue;
            }
            var file = $"{job.Id}.xlsx";
            var jobImages = await images.ListAllOfJobAsync(job.Id, cancellationToken);
            await using (var entry = await zip.CreateEntry(file).OpenAsync(cancellationToken))
            {
                await JobWorkbook.WriteAsync(entry, job, jobImages, cancellationToken);
            }
            summary.Add(SummaryRow(jobId, job, file));
        }
        await using var summaryEntry = await zip.CreateEntry(SummaryFile).OpenAsync(cancellationToken);
        await MiniExcel.SaveAsAsync(summaryEntry, summary, sheetName: "Jobs", cancellationToken: cancellationToken);
    }

    private static Dictionary<string, object?> SummaryRow(string jobId, JobRecord? job, string? file, string missing = RejectionReasons.NotFound) => new()
    {
        ["Job Id"] = jobId,
        ["Label"] = job?.Label ?? "",
        ["Status"] = job?.Status ?? missing,
        ["Created"] = ExcelCells.Time(job?.CreatedAt),
        ["Completed"] = ExcelCells.Time(job?.CompletedAt),
        ["Total Images"] = job?.TotalImages,
        ["Approved Images"] = job?.ApprovedImages,
        ["Failed Images"] = job?.FailedImages,
        ["File"] = file ?? "",
    };
}
