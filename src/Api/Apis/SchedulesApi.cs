using GenImageFactory.Api.Contracts;
using GenImageFactory.Pipeline.Models;

namespace GenImageFactory.Api.Apis;

/// <summary>Schedules: a saved configuration started on a cron expression (UTC), once per slot.</summary>
public static class SchedulesApi
{
    /// <summary>This API's part of the route table both hosts map (<see cref="ApiRoutes"/>).</summary>
    public static IEnumerable<ApiRoute> Routes =>
    [
        new(RouteNames.ListSchedules, "GET", "/api/schedules", ListAsync, "Schedules", "Schedules, with their next and last run."),
        new(RouteNames.CreateSchedule, "POST", "/api/schedules", CreateAsync, "Schedules", "Schedule a saved configuration: {configurationId, cron (UTC; 5 fields, or 6 with seconds), enabled}.") { Body = typeof(CreateScheduleRequest) },
        new(RouteNames.GetSchedule, "GET", "/api/schedules/{id}", GetAsync, "Schedules", "One schedule."),
        new(RouteNames.DeleteSchedule, "DELETE", "/api/schedules/{id}", DeleteAsync, "Schedules", "Delete a schedule (jobs it started stay)."),
    ];

    public static Task<Results<Ok<ListResponse<ScheduleResponse>>, ValidationProblem>> ListAsync(
        string? limit, string? continuation, IScheduleStore schedules, TimeProvider time, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        return Paging.ListAsync(limit, continuation, (size, token) => schedules.ListAsync(size, token, cancellationToken), s => ScheduleResponse.From(s, now));
    }

    public static async Task<Results<Created<ScheduleResponse>, ValidationProblem>> CreateAsync(
        HttpRequest request, IScheduleStore schedules, IConfigurationStore configurations, ApiLinks links, TimeProvider time, CancellationToken cancellationToken)
    {
        var (read, problem) = await ScheduleRequestReader.ReadCreateAsync(request, configurations, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }
        var now = time.GetUtcNow();
        var schedule = new ScheduleRecord
        {
            Id = Guid.NewGuid().ToString("N"),
            ConfigurationId = read!.ConfigurationId,
            Cron = read.Cron,
            Enabled = read.Enabled ?? true,
            CreatedAt = now,
        };
        await schedules.CreateAsync(schedule, cancellationToken);
        return TypedResults.Created(links.Schedule(schedule.Id), ScheduleResponse.From(schedule, now));
    }

    public static Task<Results<Ok<ScheduleResponse>, ValidationProblem, ProblemHttpResult>> GetAsync(
        string id, IScheduleStore schedules, TimeProvider time, CancellationToken cancellationToken) =>
        ApiLookups.WithScheduleAsync(id, schedules, s => Task.FromResult(TypedResults.Ok(ScheduleResponse.From(s, time.GetUtcNow()))), cancellationToken);

    public static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> DeleteAsync(
        string id, IScheduleStore schedules, CancellationToken cancellationToken)
    {
        if (ApiLookups.InvalidScheduleId(id) is { } invalid)
        {
            return invalid;
        }
        return await schedules.DeleteAsync(id, cancellationToken) ? TypedResults.NoContent() : ApiLookups.ScheduleNotFound(id);
    }
}
