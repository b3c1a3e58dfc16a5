using GenImageFactory.Api.Apis;

namespace GenImageFactory.Api;

/// <summary>One route of the API: the same name, method, pattern and handler in every host.</summary>
/// <param name="Pattern">The path from the host's root, <c>/api/...</c>.</param>
public sealed record ApiRoute(string Name, string Method, string Pattern, Delegate Handler, string Tag, string Summary)
{
    /// <summary>Ids, labels, settings: 500 ids of a bulk call fit with room to spare.</summary>
    public const long SmallBodyBytes = 64 * 1024;

    /// <summary>A configuration: 1 MiB of keywords and the prompts, which JSON escaping can make several times larger.</summary>
    public const long ConfigurationBodyBytes = 8 * 1024 * 1024;

    /// <summary>The largest body this route reads; a larger one is answered 413 before it is parsed.</summary>
    public long MaxBodyBytes { get; init; } = SmallBodyBytes;

    /// <summary>
    /// The JSON body this route reads, as its OpenAPI document describes it (a record of <c>Contracts</c>); the
    /// handler still reads and validates the body itself. Null for a route that reads none.
    /// </summary>
    public Type? Body { get; init; }

    /// <summary>False when the body may be left out (a rerun without changes).</summary>
    public bool BodyRequired { get; init; } = true;

    /// <summary>
    /// Callable without the API key (Server) or a function key (Functions): the health probe, and the providers'
    /// webhooks, whose handler checks the secret given with the task. The one rule: the Server's endpoints carry
    /// it as <c>AllowAnonymous</c> metadata, which its key check reads, and the OpenAPI document leaves their security empty.
    /// </summary>
    public bool Anonymous => Name is RouteNames.GetHealth || Pattern.StartsWith(ApiRoutes.Prefix + "/webhooks/", StringComparison.Ordinal);
}

/// <summary>
/// The route table. The Server maps it with minimal APIs; the Functions app has one HTTP trigger per
/// entry that runs the same handler (tests compare the two), so no route exists in one host only.
/// </summary>
/// <remarks>docs/api.md documents every route of this table; DocumentationTests fails when the two differ.</remarks>
public static class ApiRoutes
{
    public const string Prefix = "/api";

    public static readonly IReadOnlyList<ApiRoute> All =
    [
        .. HealthApi.Routes,
        .. ConfigurationsApi.Routes,
        .. JobsApi.Routes,
        .. JobActionsApi.Routes,
        .. EstimateApi.Routes,
        .. StatsApi.Routes,
        .. OperationsApi.Routes,
        .. ImagesApi.Routes,
        .. ImageRetryApi.Routes,
        .. ExportsApi.Routes,
        .. SchedulesApi.Routes,
        .. ProvidersApi.Routes,
        .. WebhooksApi.Routes,
    ];

    public static ApiRoute Named(string name) => All.Single(r => r.Name == name);
}

/// <summary>
/// The <c>{id}</c> of a collection that also has literal routes (<c>api/jobs/estimate</c>,
/// <c>api/images/export.zip</c>). The Functions host does not use ASP.NET Core's route precedence: it tries
/// the routes in the alphabetical order of their function names and the first match wins, so an
/// unconstrained <c>{id}</c> whose function sorts first takes its literal siblings' requests. Each
/// constraint excludes exactly those words; every other string still reaches the handler, which answers a
/// malformed id with 400 as before. Both hosts use these patterns, so they match the same URLs.
/// </summary>
public static class RouteIds
{
    public const string Job = "{id:regex(^(?!(estimate|rerun|delete|export)$))}";
    public const string Image = "{id:regex(^(?!(retry|export\\.zip|export\\.csv)$))}";
}
