using System.Text.RegularExpressions;
using GenImageFactory.Api.Contracts;
using GenImageFactory.Pipeline.Jobs;
using GenImageFactory.Domain.Jobs;
using GenImageFactory.Pipeline.Models;

namespace GenImageFactory.Api.Apis;

/// <summary>Jobs: start one from an inline configuration, list them newest first, read one and its images.</summary>
public static partial class JobsApi
{
    /// <summary>This API's part of the route table both hosts map (<see cref="ApiRoutes"/>).</summary>
    public static IEnumerable<ApiRoute> Routes =>
    [
        new(RouteNames.StartJob, "POST", "/api/jobs", StartJobAsync, "Jobs", "Start a job from an inline configuration or a saved one.") { MaxBodyBytes = ApiRoute.ConfigurationBodyBytes, Body = typeof(StartJobRequest) },
        new(RouteNames.ListJobs, "GET", "/api/jobs", ListJobsAsync, "Jobs", "Jobs, newest first; filters: status, label (contains), from/to (created)."),
        new(RouteNames.GetJob, "GET", "/api/jobs/" + RouteIds.Job, GetJobAsync, "Jobs", "One job: snapshot, status, phase, progress, counts, timings."),
        new(RouteNames.ListJobImages, "GET", "/api/jobs/" + RouteIds.Job + "/images", ListJobImagesAsync, "Jobs", "A job's images, optionally of one qcStatus."),
        new(RouteNames.GetJobLogs, "GET", "/api/jobs/" + RouteIds.Job + "/logs", GetJobLogsAsync, "Jobs", "A job's log in time order: JSON, or ?format=text for [time] [LEVEL] message lines; ?after=<timestamp> returns only the lines stamped later (pass the newest timestamp you have to follow a running job)."),
    ];

    public static async Task<Results<Accepted<StartedResponse>, ValidationProblem, ProblemHttpResult>> StartJobAsync(
        HttpRequest request, JobLauncher launcher, IImageProviders providers, IConfigurationStore configurations, ApiLinks links, CancellationToken cancellationToken)
    {
        var (configuration, configurationId, problem) = await JobRequestReaders.ReadStartJobAsync(request, providers, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }
        if (configurationId is not null)
        {
            var saved = await configurations.GetAsync(configurationId, cancellationToken);
            if (saved is null)
            {
                return ApiLookups.ConfigurationNotFound(configurationId);
            }
            configuration = saved.Configuration;
        }
        if (!providers.IsAvailable(configuration!.Parameters.Provider))
        {
            return JobRequestReaders.ProviderUnavailable(configuration);
        }
        var job = await launcher.LaunchAsync(configuration, configurationId, rerunOf: null, cancellationToken);
        var statusUrl = links.Job(job.Id);
        return TypedResults.Accepted(statusUrl, new StartedResponse(job.Id, statusUrl));
    }

    public static async Task<Results<Ok<ListResponse<JobResponse>>, ValidationProblem>> ListJobsAsync(
        string? limit, string? continuation, string? status, string? label, string? from, string? to,
        IJobStore jobs, ApiLinks links, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var pageSize = Paging.ReadLimit(limit, errors);
        if (status is not null && !JobStatus.All.Contains(status))
        {
            errors.Add("status", $"Must be one of: {string.Join(", ", JobStatus.All)}.");
        }
        var createdFrom = ReadTime(from, "from", errors);
        var createdTo = ReadTime(to, "to", errors);
        if (!errors.IsEmpty)
        {
            return ApiProblems.Invalid(errors);
        }
        try
        {
            // Label search is a substring match, which the table cannot do: pages are read on until one is full.
            var filter = new JobFilter(status, createdFrom, createdTo);
            var page = await Pages.ReadFilteredAsync(
                (need, next) => jobs.ListAsync(need, next, cancellationToken, filter),
                j => string.IsNullOrWhiteSpace(label) || j.Label.Contains(label.Trim(), StringComparison.OrdinalIgnoreCase),
                pageSize, continuation);
            return TypedResults.Ok(new ListResponse<JobResponse>(page.Items.Select(j => JobResponse.From(j, links)).ToList(), page.Continuation));
        }
        catch (ArgumentException ex)
        {
            return ApiProblems.Invalid("continuation", ex.Message);
        }
    }

    public static Task<Results<Ok<JobResponse>, ValidationProblem, ProblemHttpResult>> GetJobAsync(
        string id, IJobStore jobs, ApiLinks links, CancellationToken cancellationToken) =>
        ApiLookups.WithJobAsync(id, jobs, job => Task.FromResult(TypedResults.Ok(JobResponse.From(job, links))), cancellationToken);

    public static async Task<Results<Ok<ListResponse<ImageResponse>>, ValidationProblem, ProblemHttpResult>> ListJobImagesAsync(
        string id, string? qcStatus, string? limit, string? continuation,
        IJobStore jobs, IImageRecordStore images, ApiLinks links, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        ApiLookups.CheckJobId(id, errors);
        if (qcStatus is not null && !ImageQcStatus.All.Contains(qcStatus))
        {
            errors.Add("qcStatus", $"Must be one of: {string.Join(", ", ImageQcStatus.All)}.");
        }
        var pageSize = Paging.ReadLimit(limit, errors);
        if (!errors.IsEmpty)
        {
            return ApiProblems.Invalid(errors);
        }
        if (await ApiLookups.MissingJobAsync(id, jobs, cancellationToken) is { } missing)
        {
            return missing;
        }
        try
        {
            var page = await images.ListByJobAsync(id, qcStatus, pageSize, continuation, cancellationToken);
            return TypedResults.Ok(new ListResponse<ImageResponse>(page.Items.Select(i => ImageResponse.From(i, links)).ToList(), page.Continuation));
        }
        catch (ArgumentException ex)
        {
            return ApiProblems.Invalid("continuation", ex.Message);
        }
    }

    public static async Task<Results<Ok<ListResponse<LogEntryResponse>>, FileContentHttpResult, ValidationProblem, ProblemHttpResult>> GetJobLogsAsync(
        string id, string? format, string? level, string? after, IJobStore jobs, IJobLogStore logs, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var afterTime = ReadTime(after, "after", errors);
        ApiLookups.CheckJobId(id, errors);
        if (format is not (null or "json" or "text"))
        {
            errors.Add("format", "Must be json or text.");
        }
        if (level is not (null or JobLogLevel.Info or JobLogLevel.Warning or JobLogLevel.Error))
        {
            errors.Add("level", "Must be info, warning or error.");
        }
        if (!errors.IsEmpty)
        {
            return ApiProblems.Invalid(errors);
        }
        if (await ApiLookups.MissingJobAsync(id, jobs, cancellationToken) is { } missing)
        {
            return missing;
        }

        var entries = (await logs.ReadAsync(id, cancellationToken, afterTime))
            .Where(e => level is null || e.Level == level)
            .Select(LogEntryResponse.From)
            .ToList();
        if (format == "text")
        {
            var text = string.Concat(entries.Select(e => e.ToTextLine() + "\n"));
            return TypedResults.File(System.Text.Encoding.UTF8.GetBytes(text), "text/plain; charset=utf-8", $"{id}.log");
        }
        return TypedResults.Ok(new ListResponse<LogEntryResponse>(entries, null));
    }

    private static DateTimeOffset? ReadTime(string? text, string field, ValidationErrors errors)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }
        // ISO 8601's extended form only: the culture-aware parser beneath would also read "11/29/2026" (month first) or
        // "2.5" as dates, and a repeated parameter ("a,b") as one.
        // ('$', as JSON Schema's patterns have it, would let a final line feed through.)
        if (IsoDateOrTime().IsMatch(text) && !text.EndsWith('\n')
            && DateTimeOffset.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var time))
        {
            return time;
        }
        errors.Add(field, "Must be an ISO 8601 date or time, e.g. 2026-11-25 or 2026-11-25T14:00:00Z.");
        return null;
    }

    /// <summary>A date, or a date and time (minutes, seconds, fractions), then Z, an offset, or nothing (UTC); the OpenAPI document's pattern too.</summary>
    public const string IsoDateOrTimePattern = @"^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?(Z|[+-]\d{2}:\d{2})?)?$";

    [GeneratedRegex(IsoDateOrTimePattern, RegexOptions.CultureInvariant)]
    private static partial Regex IsoDateOrTime();
}
