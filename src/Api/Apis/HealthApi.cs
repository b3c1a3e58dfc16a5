namespace GenImageFactory.Api.Apis;

public sealed record HealthResponse(string Status, IReadOnlyDictionary<string, bool> Checks);

/// <summary><c>GET /api/health</c>: 200 once every part is ready, 503 before.</summary>
public static class HealthApi
{
    /// <summary>This API's part of the route table both hosts map (<see cref="ApiRoutes"/>).</summary>
    public static IEnumerable<ApiRoute> Routes =>
    [
        new(RouteNames.GetHealth, "GET", "/api/health", GetHealth, "Health", "Ready once storage and the durable worker are."),
    ];

    public static Results<Ok<HealthResponse>, JsonHttpResult<HealthResponse>> GetHealth(IEnumerable<IReadinessCheck> checks)
    {
        // By name: the body does not depend on the order in which a host registered its checks.
        var states = checks.OrderBy(c => c.Name, StringComparer.Ordinal).ToDictionary(c => c.Name, c => c.IsReady);
        var ready = states.Count > 0 && states.Values.All(v => v);
        var body = new HealthResponse(ready ? "healthy" : "starting", states);
        return ready ? TypedResults.Ok(body) : TypedResults.Json(body, statusCode: StatusCodes.Status503ServiceUnavailable);
    }
}
