using GenImageFactory.Api.Contracts;

namespace GenImageFactory.Api.Apis;

/// <summary><c>POST /api/images/retry</c>: failed images through the pipeline again, as a durable operation.</summary>
public static class ImageRetryApi
{
    /// <summary>This API's part of the route table both hosts map (<see cref="ApiRoutes"/>).</summary>
    public static IEnumerable<ApiRoute> Routes =>
    [
        new(RouteNames.RetryImages, "POST", "/api/images/retry", RetryAsync, "Images", "Retry failed images ({\"ids\": [...], \"settings\": \"original\" | {processing overrides}, \"regenerateMetadata\": bool}): 202 with an operation that reports progress and outcomes.") { Body = typeof(RetryImagesRequest) },
    ];

    public static async Task<Results<Accepted<StartedResponse>, ValidationProblem>> RetryAsync(
        HttpRequest request, IWorkflowClient workflow, TimeProvider time, ApiLinks links, CancellationToken cancellationToken)
    {
        var (input, problem) = await RetryImagesRequestReader.ReadAsync(request, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }
        var operationId = OperationsApi.NewId(OperationsApi.RetryKind, time.GetUtcNow());
        await workflow.StartImageRetryAsync(operationId, input!, cancellationToken);
        var statusUrl = links.Operation(operationId);
        return TypedResults.Accepted(statusUrl, new StartedResponse(operationId, statusUrl));
    }
}
