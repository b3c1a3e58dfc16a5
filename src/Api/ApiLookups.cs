using GenImageFactory.Api.Apis;
using GenImageFactory.Domain.Jobs;
using GenImageFactory.Pipeline.Models;

namespace GenImageFactory.Api;

/// <summary>
/// The answers every route with a job, image, configuration or schedule <c>{id}</c> shares: 400 naming the field <c>id</c> when it is not
/// such an id, 404 when none is stored under it. One place, so every route words them the same.
/// </summary>
internal static class ApiLookups
{
    private const string IdField = "id", NotAJobId = "Is not a job id.", NotAnImageId = "Is not an image id.", NotAConfigurationId = "Is not a configuration id.",
        NotAScheduleId = "Is not a schedule id.";

    /// <summary>Adds the <c>id</c> error to <paramref name="errors"/> when <paramref name="id"/> is not a job id, for routes that check other fields too.</summary>
    public static void CheckJobId(string id, ValidationErrors errors)
    {
        if (!JobId.IsValid(id))
        {
            errors.Add(IdField, NotAJobId);
        }
    }

    /// <summary>The 400 for an id that is not a job id, or null when it is one.</summary>
    public static ValidationProblem? InvalidJobId(string id) => JobId.IsValid(id) ? null : ApiProblems.Invalid(IdField, NotAJobId);

    public static ProblemHttpResult JobNotFound(string id) => ApiProblems.NotFound($"Job '{id}'");

    /// <summary>The 404 when no job has the (well-formed) <paramref name="id"/>, or null when one does.</summary>
    public static async Task<ProblemHttpResult?> MissingJobAsync(string id, IJobStore jobs, CancellationToken cancellationToken) =>
        await jobs.GetAsync(id, cancellationToken) is null ? JobNotFound(id) : null;

    /// <summary>A well-formed job id (400) of a stored job (404), then what <paramref name="action"/> makes of the job.</summary>
    public static Task<Results<TResult, ValidationProblem, ProblemHttpResult>> WithJobAsync<TResult>(
        string id, IJobStore jobs, Func<JobRecord, Task<TResult>> action, CancellationToken cancellationToken)
        where TResult : IResult =>
        WithAsync(InvalidJobId(id), () => jobs.GetAsync(id, cancellationToken), () => JobNotFound(id), action);

    /// <summary>The 400 for an id that is not an image id, or null when it is one (its job's id then in <paramref name="jobId"/>).</summary>
    public static ValidationProblem? InvalidImageId(string id, out string jobId) =>
        ImageMappingId.TryParse(id, out jobId, out _, out _) ? null : ApiProblems.Invalid(IdField, NotAnImageId);

    public static ProblemHttpResult ImageNotFound(string id) => ApiProblems.NotFound($"Image '{id}'");

    /// <summary>A well-formed image id (400) of a stored image (404), then what <paramref name="action"/> makes of the image.</summary>
    public static Task<Results<TResult, ValidationProblem, ProblemHttpResult>> WithImageAsync<TResult>(
        string id, IImageRecordStore images, Func<ImageRecord, Task<TResult>> action, CancellationToken cancellationToken)
        where TResult : IResult
    {
        var invalid = InvalidImageId(id, out var jobId);
        return WithAsync(invalid, () => images.GetAsync(jobId, id, cancellationToken), () => ImageNotFound(id), action);
    }

    /// <summary>The 400 naming <paramref name="field"/> for an id that is not a saved configuration's, or null when it is one.</summary>
    public static ValidationProblem? InvalidConfigurationId(string? id, string field = IdField) =>
        ConfigurationsApi.IsValidId(id) ? null : ApiProblems.Invalid(field, NotAConfigurationId);

    public static ProblemHttpResult ConfigurationNotFound(string id) => ApiProblems.NotFound($"Configuration '{id}'");

    /// <summary>A well-formed schedule id (400) of a stored schedule (404), then what <paramref name="action"/> makes of the schedule.</summary>
    public static Task<Results<TResult, ValidationProblem, ProblemHttpResult>> WithScheduleAsync<TResult>(
        string id, IScheduleStore schedules, Func<ScheduleRecord, Task<TResult>> action, CancellationToken cancellationToken)
        where TResult : IResult =>
        WithAsync(InvalidScheduleId(id), () => schedules.GetAsync(id, cancellationToken), () => ScheduleNotFound(id), action);

    /// <summary>The 400 for an id that is not a schedule's (schedule ids have the shape of configuration ids), or null when it is one.</summary>
    public static ValidationProblem? InvalidScheduleId(string id) =>
        ConfigurationsApi.IsValidId(id) ? null : ApiProblems.Invalid(IdField, NotAScheduleId);

    public static ProblemHttpResult ScheduleNotFound(string id) => ApiProblems.NotFound($"Schedule '{id}'");

    /// <summary>What every <c>With…Async</c> does: the 400 for a malformed id, else the 404 when <paramref name="read"/> finds nothing, else the action's result.</summary>
    private static async Task<Results<TResult, ValidationProblem, ProblemHttpResult>> WithAsync<TRecord, TResult>(
        ValidationProblem? invalid, Func<Task<TRecord?>> read, Func<ProblemHttpResult> notFound, Func<TRecord, Task<TResult>> action)
        where TRecord : class
        where TResult : IResult
    {
        if (invalid is not null)
        {
            return invalid;
        }
        return await read() is { } record ? await action(record) : notFound();
    }
}
