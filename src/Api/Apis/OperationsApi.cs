using GenImageFactory.Domain.Jobs;
using GenImageFactory.Pipeline.Orchestrations;

namespace GenImageFactory.Api.Apis;

/// <param name="Result">Once completed: a bulk rerun's started and rejected jobs, or an image retry's retried and rejected images.</param>
/// <param name="Progress">An image retry's images done so far, of how many.</param>
public sealed record OperationResponse(string Id, string Status, object? Result, RetryProgress? Progress);

/// <summary><c>GET /api/operations/{id}</c>: where a bulk operation (bulk rerun, image retry) stands.</summary>
public static class OperationsApi
{
    public const string RerunKind = "rerun";
    public const string RetryKind = "retry";

    /// <summary>This API's part of the route table both hosts map (<see cref="ApiRoutes"/>).</summary>
    public static IEnumerable<ApiRoute> Routes =>
    [
        new(RouteNames.GetOperation, "GET", "/api/operations/{id}", GetAsync, "Jobs", "Status, progress and result of a bulk operation."),
    ];

    /// <summary>Operation ids are orchestration instance ids: their kind, then a time-sortable unique part.</summary>
    public static string NewId(string kind, DateTimeOffset now) => $"{kind}-{JobId.New(now)}";

    public static bool IsValidId(string id) =>
        new[] { RerunKind, RetryKind }.Any(kind => id.StartsWith(kind + "-", StringComparison.Ordinal) && JobId.IsValid(id[(kind.Length + 1)..]));

    public static async Task<Results<Ok<OperationResponse>, ValidationProblem, ProblemHttpResult>> GetAsync(
        string id, IWorkflowClient workflow, CancellationToken cancellationToken)
    {
        if (!IsValidId(id))
        {
            return ApiProblems.Invalid("id", "Is not an operation id.");
        }
        var state = await workflow.GetOperationAsync(id, cancellationToken);
        if (state is null)
        {
            return ApiProblems.NotFound($"Operation '{id}'");
        }
        return TypedResults.Ok(new OperationResponse(id, state.Status, state.Result, state.Progress));
    }
}
