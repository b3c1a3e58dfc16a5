using Microsoft.Net.Http.Headers;
using System.Text.RegularExpressions;
using GenImageFactory.Api.Contracts;

namespace GenImageFactory.Api.Apis;

/// <summary>Saved configurations: unique names (409), optimistic concurrency with ETag / If-Match (412).</summary>
public static partial class ConfigurationsApi
{
    [GeneratedRegex(@"^[a-z0-9][a-z0-9-]{0,63}\z", RegexOptions.CultureInvariant)]
    private static partial Regex IdShape();

    /// <summary>This API's part of the route table both hosts map (<see cref="ApiRoutes"/>).</summary>
    public static IEnumerable<ApiRoute> Routes =>
    [
        new(RouteNames.ListConfigurations, "GET", "/api/configurations", ListAsync, "Configurations", "Saved configurations."),
        new(RouteNames.CreateConfiguration, "POST", "/api/configurations", CreateAsync, "Configurations", "Save a configuration under a unique name.") { MaxBodyBytes = ApiRoute.ConfigurationBodyBytes, Body = typeof(ConfigurationRequest) },
        new(RouteNames.GetConfiguration, "GET", "/api/configurations/{id}", GetAsync, "Configurations", "One configuration, with its ETag."),
        new(RouteNames.UpdateConfiguration, "PUT", "/api/configurations/{id}", UpdateAsync, "Configurations", "Replace a configuration; If-Match guards against lost updates.") { MaxBodyBytes = ApiRoute.ConfigurationBodyBytes, Body = typeof(ConfigurationRequest) },
        new(RouteNames.DeleteConfiguration, "DELETE", "/api/configurations/{id}", DeleteAsync, "Configurations", "Delete a configuration."),
    ];

    public static bool IsValidId(string? id) => id is not null && IdShape().IsMatch(id);

    public static Task<Results<Ok<ListResponse<ConfigurationResponse>>, ValidationProblem>> ListAsync(
        string? limit, string? continuation, IConfigurationStore store, CancellationToken cancellationToken) =>
        Paging.ListAsync(limit, continuation, (size, token) => store.ListAsync(size, token, cancellationToken), ConfigurationResponse.From);

    public static async Task<Results<Created<ConfigurationResponse>, ValidationProblem, ProblemHttpResult>> CreateAsync(
        HttpContext http, IConfigurationStore store, ApiLinks links, TimeProvider time, CancellationToken cancellationToken)
    {
        var read = await ReadBodyAsync(http.Request, cancellationToken);
        if (read.Errors is not null)
        {
            return ApiProblems.Invalid(read.Errors);
        }
        try
        {
            var saved = await store.CreateAsync(Guid.NewGuid().ToString("N"), read.Configuration!, time.GetUtcNow(), cancellationToken);
            http.Response.Headers.ETag = saved.ETag;
            return TypedResults.Created(links.Configuration(saved.Id), ConfigurationResponse.From(saved));
        }
        catch (ConfigurationConflictException ex)
        {
            return ApiProblems.Conflict(ex.Message);
        }
    }

    public static async Task<Results<Ok<ConfigurationResponse>, ValidationProblem, ProblemHttpResult>> GetAsync(
        string id, HttpContext http, IConfigurationStore store, CancellationToken cancellationToken)
    {
        if (ApiLookups.InvalidConfigurationId(id) is { } invalid)
        {
            return invalid;
        }
        var saved = await store.GetAsync(id, cancellationToken);
        if (saved is null)
        {
            return ApiLookups.ConfigurationNotFound(id);
        }
        http.Response.Headers.ETag = saved.ETag;
        return TypedResults.Ok(ConfigurationResponse.From(saved));
    }

    public static async Task<Results<Ok<ConfigurationResponse>, ValidationProblem, ProblemHttpResult>> UpdateAsync(
        string id, HttpContext http, IConfigurationStore store, TimeProvider time, CancellationToken cancellationToken)
    {
        if (ApiLookups.InvalidConfigurationId(id) is { } invalid)
        {
            return invalid;
        }
        var read = await ReadBodyAsync(http.Request, cancellationToken);
        if (read.Errors is not null)
        {
            return ApiProblems.Invalid(read.Errors);
        }
        try
        {
            var saved = await store.UpdateAsync(id, read.Configuration!, IfMatch(http.Request), time.GetUtcNow(), cancellationToken);
            if (saved is null)
            {
                return ApiLookups.ConfigurationNotFound(id);
            }
            http.Response.Headers.ETag = saved.ETag;
            return TypedResults.Ok(ConfigurationResponse.From(saved));
        }
        catch (ConfigurationConflictException ex)
        {
            return ApiProblems.Conflict(ex.Message);
        }
        catch (ConfigurationPreconditionException ex)
        {
            return ApiProblems.PreconditionFailed(ex.Message);
        }
    }

    public static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> DeleteAsync(
        string id, HttpContext http, IConfigurationStore store, CancellationToken cancellationToken)
    {
        if (ApiLookups.InvalidConfigurationId(id) is { } invalid)
        {
            return invalid;
        }
        try
        {
            return await store.DeleteAsync(id, IfMatch(http.Request), cancellationToken)
                ? TypedResults.NoContent()
                : ApiLookups.ConfigurationNotFound(id);
        }
        catch (ConfigurationPreconditionException ex)
        {
            return ApiProblems.PreconditionFailed(ex.Message);
        }
    }

    /// <summary>
    /// The ETags the client read (If-Match may list several), or null for any version (no If-Match, or <c>*</c>, alone or
    /// in the list). A header that is there but names no version (blank) matches none, as a stale one does: it never means "any".
    /// </summary>
    private static IReadOnlyList<string>? IfMatch(HttpRequest request)
    {
        if (!request.Headers.ContainsKey(HeaderNames.IfMatch))
        {
            return null;
        }
        var values = request.Headers.IfMatch.SelectMany(v => (v ?? "").Split(',')).Select(v => v.Trim()).Where(v => v.Length > 0).ToList();
        return values.Contains("*") ? null : values;
    }

    private static async Task<(JobConfiguration? Configuration, ValidationErrors? Errors)> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        using var body = await RequestJson.ReadAsync(request, cancellationToken);
        if (body is null)
        {
            return (null, RequestJson.BodyErrors(request, "Must be a configuration as a JSON object."));
        }
        var read = ConfigurationReader.Read(body.RootElement, requireName: true);
        return read.IsValid ? (read.Value, null) : (null, read.Errors);
    }
}
