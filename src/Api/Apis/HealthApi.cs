using System.Reflection;
using Microsoft.AspNetCore.Http.Metadata;

namespace GenImageFactory.Api.Apis;

public sealed record HealthResponse(string Status, IReadOnlyDictionary<string, bool> Checks);

/// <summary><c>GET /api/health</c>: 200 once every part is ready, 503 before.</summary>
public static class HealthApi
{
    public const string Healthy = "healthy";
    public const string Starting = "starting";
    public const string Unavailable = "unavailable";

    /// <summary>What <see cref="HealthResponse.Status"/> says: every check ready, not yet, or no longer (one that was ready is not).</summary>
    public static readonly IReadOnlyList<string> Statuses = [Healthy, Starting, Unavailable];

    /// <summary>This API's part of the route table both hosts map (<see cref="ApiRoutes"/>).</summary>
    public static IEnumerable<ApiRoute> Routes =>
    [
        new(RouteNames.GetHealth, "GET", "/api/health", GetHealth, "Health", "Ready once storage and the durable worker are."),
    ];

    public static Results<Ok<HealthResponse>, NotReady> GetHealth(IEnumerable<IReadinessCheck> checks)
    {
        // By name: the body does not depend on the order in which a host registered its checks.
        var ordered = checks.OrderBy(c => c.Name, StringComparer.Ordinal).ToList();
        var states = ordered.ToDictionary(c => c.Name, c => c.IsReady);
        var ready = states.Count > 0 && states.Values.All(v => v);
        var lost = ordered.Any(c => c is { IsReady: false, WasReady: true });
        var body = new HealthResponse(ready ? Healthy : lost ? Unavailable : Starting, states);
        return ready ? TypedResults.Ok(body) : new NotReady(body);
    }

    /// <summary>
    /// 503 with the health body. <c>TypedResults.Json</c> would answer the same but carries no response metadata,
    /// so the OpenAPI document would not show the 503 probes wait through.
    /// </summary>
    public sealed class NotReady(HealthResponse body) : IResult, IEndpointMetadataProvider, IStatusCodeHttpResult, IValueHttpResult<HealthResponse>
    {
        public int? StatusCode => StatusCodes.Status503ServiceUnavailable;

        public HealthResponse Value => body;

        public Task ExecuteAsync(HttpContext httpContext) => TypedResults.Json(body, statusCode: StatusCode).ExecuteAsync(httpContext);

        public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) =>
            builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status503ServiceUnavailable, typeof(HealthResponse), ["application/json"]));
    }
}
