using GenImageFactory.Domain.Jobs;
using GenImageFactory.Pipeline.Orchestrations;
using GenImageFactory.Pipeline.Ports;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace GenImageFactory.Api.Apis;

/// <param name="Result">What the operation produced, once completed (for a bulk rerun: started and rejected jobs).</param>
public sealed record OperationResponse(string Id, string Status, RerunJobsResult? Result);

/// <summary><c>GET /api/operations/{id}</c>: where a bulk operation (a bulk rerun) stands.</summary>
public static class OperationsApi
{
    public static RouteHandlerBuilder MapOperationsApi(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/operations/{id}", GetAsync).WithTags("Jobs").WithName("GetOperation").WithSummary("Status and result of a bulk operation.");

    public static async Task<Results<Ok<OperationResponse>, ValidationProblem, ProblemHttpResult>> GetAsync(
        string id, IWorkflowClient workflow, CancellationToken cancellationToken)
    {
        if (!id.StartsWith("rerun-", StringComparison.Ordinal) || !JobId.IsValid(id["rerun-".Length..]))
        {
            return ApiProblems.Invalid("id", "Is not an operation id.");
        }
        var state = await workflow.GetOperationAsync(id, cancellationToken);
        if (state is null)
        {
            return ApiProblems.NotFound($"Operation '{id}'");
        }
        return TypedResults.Ok(new OperationResponse(id, state.Status, state.Result));
    }
}
