using GenImageFactory.Api.Contracts;
using GenImageFactory.Api.Exports;
using GenImageFactory.Api.Images;
using GenImageFactory.Domain.Jobs;

namespace GenImageFactory.Api.Apis;

/// <summary>Downloads: a job's workbook, several jobs as a ZIP, the gallery as a ZIP, and the stock-site CSV.</summary>
public static class ExportsApi
{
    private const string XlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    private const string ZipType = "application/zip";

    /// <summary>This API's part of the route table both hosts map (<see cref="ApiRoutes"/>).</summary>
    public static IEnumerable<ApiRoute> Routes =>
    [
        new(RouteNames.ExportJob, "GET", "/api/jobs/" + RouteIds.Job + "/export.xlsx", ExportJobAsync, "Exports", "One job as a workbook: sheets \"Job Summary\" (every field and setting) and \"Images\"."),
        new(RouteNames.ExportJobs, "POST", "/api/jobs/export", ExportJobsAsync, "Exports", "Several jobs ({\"jobIds\": [...]}) as a ZIP: one workbook per job and summary.xlsx.") { Body = typeof(JobIdsRequest) },
        new(RouteNames.ExportGallery, "GET", "/api/images/export.zip", ExportGalleryAsync, "Exports", "Images (default: the approved gallery; filters qcStatus, jobId, q) as images/ + metadata.xlsx."),
        new(RouteNames.ExportStockCsv, "GET", "/api/images/export.csv", ExportStockCsvAsync, "Exports", "Stock-site CSV of the same images: Filename, Title, Description, Keywords."),
    ];

    public static Task<Results<FileStreamHttpResult, ValidationProblem, ProblemHttpResult>> ExportJobAsync(
        string id, IJobStore jobs, IImageRecordStore images, CancellationToken cancellationToken) =>
        ApiLookups.WithJobAsync(id, jobs, async job =>
        {
            var file = ExportFile.Create();
            await JobWorkbook.WriteAsync(file, job, await images.ListAllOfJobAsync(id, cancellationToken), cancellationToken);
            return ExportFile.Send(file, XlsxType, $"{id}.xlsx");
        }, cancellationToken);

    public static async Task<Results<FileStreamHttpResult, ValidationProblem>> ExportJobsAsync(
        HttpRequest request, JobsArchive archive, TimeProvider time, CancellationToken cancellationToken)
    {
        if (await JobRequestReaders.ReadJobIdsAsync(request, cancellationToken) is not { } ids)
        {
            return JobRequestReaders.InvalidJobIds();
        }
        var file = ExportFile.Create();
        await archive.WriteAsync(file, ids, cancellationToken);
        return ExportFile.Send(file, ZipType, $"jobs-{time.GetUtcNow():yyyyMMdd-HHmmss}.zip");
    }

    public static async Task<Results<FileStreamHttpResult, ValidationProblem>> ExportGalleryAsync(
        string? qcStatus, string? jobId, string? q, ImageSearch search, GalleryArchive archive, TimeProvider time, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var filter = ImageFilter.Read(qcStatus, jobId, q, defaultStatus: ImageQcStatus.Approved, errors);
        if (!errors.IsEmpty)
        {
            return ApiProblems.Invalid(errors);
        }
        var file = ExportFile.Create();
        await archive.WriteAsync(file, search.AllAsync(filter, cancellationToken), cancellationToken);
        return ExportFile.Send(file, ZipType, $"gallery-{time.GetUtcNow():yyyyMMdd-HHmmss}.zip");
    }

    public static Results<PushStreamHttpResult, ValidationProblem> ExportStockCsvAsync(
        string? qcStatus, string? jobId, string? q, ImageSearch search, TimeProvider time)
    {
        var errors = new ValidationErrors();
        var filter = ImageFilter.Read(qcStatus, jobId, q, defaultStatus: ImageQcStatus.Approved, errors);
        if (!errors.IsEmpty)
        {
            return ApiProblems.Invalid(errors);
        }
        return TypedResults.Stream(
            body => StockCsv.WriteAsync(body, search.AllAsync(filter, CancellationToken.None), CancellationToken.None),
            "text/csv; charset=utf-8",
            $"stock-{time.GetUtcNow():yyyyMMdd-HHmmss}.csv");
    }
}
