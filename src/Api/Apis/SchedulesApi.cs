using System.Text.Json;
using GenImageFactory.Api.Contracts;
using GenImageFactory.Domain.Schedules;
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
        HttpRequest request, IScheduleStore schedules, IConfigurationStore configurations, TimeProvider time, CancellationToken cancellationToken)
    {
        using var body = await RequestJson.ReadAsync(request, cancellationToken);
        if (body?.RootElement is not { ValueKind: JsonValueKind.Object } root)
        {
            return ApiProblems.Invalid("body", "Must be a JSON object: {\"configurationId\": \"...\", \"cron\": \"0 6 * * *\", \"enabled\": true}.");
        }
        var errors = new ValidationErrors();
        var configurationId = root.TryGetProperty("configurationId", out var idElement) && idElement.ValueKind == JsonValueKind.String ? idElement.GetString() : null;
        if (!ConfigurationsApi.IsValidId(configurationId))
        {
            errors.Add("configurationId", "Must be the id of a saved configuration.");
        }
        else if (await configurations.GetAsync(configurationId!, cancellationToken) is null)
        {
            errors.Add("configurationId", $"No saved configuration has the id '{configurationId}'.");
        }
        var cronText = root.TryGetProperty("cron", out var cronElement) && cronElement.ValueKind == JsonValueKind.String ? cronElement.GetString() : null;
        var cron = CronSchedule.TryParse(cronText, out var cronError);
        if (cron is null)
        {
            errors.Add("cron", cronError!);
        }
        var enabled = RequestJson.OptionalBool(root, "enabled", true, errors);
        if (!errors.IsEmpty)
        {
            return ApiProblems.Invalid(errors);
        }

        var now = time.GetUtcNow();
        var schedule = new ScheduleRecord
        {
            Id = Guid.NewGuid().ToString("N"),
            ConfigurationId = configurationId!,
            Cron = cron!.Text,
            Enabled = enabled,
            CreatedAt = now,
        };
        await schedules.CreateAsync(schedule, cancellationToken);
        return TypedResults.Created($"/api/schedules/{schedule.Id}", ScheduleResponse.From(schedule, now));
    }

    public static async Task<Results<Ok<ScheduleResponse>, ValidationProblem, ProblemHttpResult>> GetAsync(
        string id, IScheduleStore schedules, TimeProvider time, CancellationToken cancellationToken)
    {
        if (!ConfigurationsApi.IsValidId(id))
        {
            return ApiProblems.Invalid("id", "Is not a schedule id.");
        }
        var schedule = await schedules.GetAsync(id, cancellationToken);
        return schedule is null ? ApiProblems.NotFound($"Schedule '{id}'") : TypedResults.Ok(ScheduleResponse.From(schedule, time.GetUtcNow()));
    }

    public static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> DeleteAsync(
        string id, IScheduleStore schedules, CancellationToken cancellationToken)
    {
        if (!ConfigurationsApi.IsValidId(id))
        {
            return ApiProblems.Invalid("id", "Is not a schedule id.");
        }
        if (await schedules.GetAsync(id, cancellationToken) is null)
        {
            return ApiProblems.NotFound($"Schedule '{id}'");
        }
        await schedules.DeleteAsync(id, cancellationToken);
        return TypedResults.NoContent();
    }
}
