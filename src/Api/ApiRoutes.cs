using GenImageFactory.Api.Apis;

namespace GenImageFactory.Api;

/// <summary>One route of the API: the same name, method, pattern and handler in every host.</summary>
/// <param name="Pattern">The path from the host's root, <c>/api/...</c>.</param>
public sealed record ApiRoute(string Name, string Method, string Pattern, Delegate Handler, string Tag, string Summary);

/// <summary>
/// The route table. The Server maps it with minimal APIs; the Functions app has one HTTP trigger per
/// entry that runs the same handler (tests compare the two), so no route exists in one host only.
/// </summary>
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
    ];

    public static ApiRoute Named(string name) => All.Single(r => r.Name == name);
}
