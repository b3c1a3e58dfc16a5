using GenImageFactory.Api.Contracts;
using System.Text.Json;
using GenImageFactory.Pipeline.Jobs;

namespace GenImageFactory.Api.Apis;

/// <summary><c>POST /api/jobs/estimate</c>: what a configuration will cost in provider tasks and model calls, before a run.</summary>
public static class EstimateApi
{
    /// <summary>This API's part of the route table both hosts map (<see cref="ApiRoutes"/>).</summary>
    public static IEnumerable<ApiRoute> Routes =>
    [
        new(RouteNames.EstimateJob, "POST", "/api/jobs/estimate", EstimateAsync, "Jobs", "Provider tasks, expected images, model calls and cost of a configuration, before a run.") { MaxBodyBytes = ApiRoute.ConfigurationBodyBytes, Body = typeof(EstimateJobRequest) },
    ];

    public static async Task<Results<Ok<JobEstimate>, ValidationProblem>> EstimateAsync(HttpRequest request, IProviderCatalog providers, CancellationToken cancellationToken)
    {
        using var body = await RequestJson.ReadAsync(request, cancellationToken);
        if (body is null || body.RootElement.ValueKind != JsonValueKind.Object)
        {
            return RequestJson.BodyProblem(request, "Must be {\"configuration\": {...}} or a configuration object.");
        }
        // Accept the same body as POST /api/jobs, or the configuration itself.
        var json = body.RootElement.TryGetProperty("configuration", out var inline) ? inline : body.RootElement;
        var read = ConfigurationReader.Read(json, requireName: false);
        return read.IsValid
            ? TypedResults.Ok(JobEstimate.For(read.Value!, providers))
            : ApiProblems.Invalid(read.Errors);
    }
}
