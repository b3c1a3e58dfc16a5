namespace GenImageFactory.Api.Apis;

/// <summary>A readiness signal one part of the host reports (storage, durable worker).</summary>
public interface IReadinessCheck
{
    string Name { get; }
    bool IsReady { get; }
}

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
        var states = checks.ToDictionary(c => c.Name, c => c.IsReady);
        var ready = states.Count > 0 && states.Values.All(v => v);
        var body = new HealthResponse(ready ? "healthy" : "starting", states);
        return ready ? TypedResults.Ok(body) : TypedResults.Json(body, statusCode: StatusCodes.Status503ServiceUnavailable);
    }
}
