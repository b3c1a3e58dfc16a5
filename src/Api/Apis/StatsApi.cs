using GenImageFactory.Domain.Jobs;
using GenImageFactory.Pipeline.Models;

namespace GenImageFactory.Api.Apis;

/// <param name="SuccessRate">Completed jobs as a share (0-1) of the jobs that ended completed or failed; null before any did.</param>
public sealed record StatsResponse(
    int TotalJobs,
    IReadOnlyDictionary<string, int> JobsByStatus,
    double? SuccessRate,
    int ImagesGenerated,
    int ApprovedImages,
    int FailedImages);

/// <summary>
/// <c>GET /api/stats</c>: totals over every job record, so deletes and reruns are reflected at once — read from
/// running totals the job store keeps with each write, never by scanning the jobs (the dashboard asks every few seconds).
/// </summary>
public static class StatsApi
{
    /// <summary>This API's part of the route table both hosts map (<see cref="ApiRoutes"/>).</summary>
    public static IEnumerable<ApiRoute> Routes =>
    [
        new(RouteNames.GetStats, "GET", "/api/stats", GetStatsAsync, "Stats", "Jobs by status, success rate, images generated, approved and failed."),
    ];

    public static async Task<Ok<StatsResponse>> GetStatsAsync(IJobStore jobs, CancellationToken cancellationToken)
    {
        var totals = await jobs.ReadTotalsAsync(cancellationToken);
        var byStatus = totals.JobsByStatus;
        var ended = byStatus[JobStatus.Completed] + byStatus[JobStatus.Failed];
        return TypedResults.Ok(new StatsResponse(
            byStatus.Values.Sum(),
            byStatus,
            ended == 0 ? null : Math.Round((double)byStatus[JobStatus.Completed] / ended, 4),
            totals.TotalImages,
            totals.ApprovedImages,
            totals.FailedImages));
    }
}
