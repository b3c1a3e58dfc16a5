using System.Text.Json;

namespace GenImageFactory.Api.Apis;

/// <param name="ProviderTasks">At least one per generation; resubmissions of failed tasks can add up to <c>MaxProviderTasks</c>.</param>
/// <param name="ModelCalls">Prompt writing, quality checks and metadata, when every image passes (retries not counted).</param>
/// <param name="EstimatedCost">Provider tasks times the provider's configured cost per task; null when no cost is configured.</param>
public sealed record EstimateResponse(
    string Provider,
    int Generations,
    int ProviderTasks,
    int MaxProviderTasks,
    int ImagesPerTask,
    int ExpectedImages,
    int PromptCalls,
    int QualityCheckCalls,
    int MetadataCalls,
    int ModelCalls,
    decimal? CostPerTask,
    decimal? EstimatedCost,
    decimal? MaxEstimatedCost);

/// <summary><c>POST /api/jobs/estimate</c>: what a configuration will cost in provider tasks and model calls, before a run.</summary>
public static class EstimateApi
{
    /// <summary>This API's part of the route table both hosts map (<see cref="ApiRoutes"/>).</summary>
    public static IEnumerable<ApiRoute> Routes =>
    [
        new("EstimateJob", "POST", "/api/jobs/estimate", EstimateAsync, "Jobs", "Provider tasks, expected images and model calls of a configuration, before a run."),
    ];

    public static async Task<Results<Ok<EstimateResponse>, ValidationProblem>> EstimateAsync(HttpRequest request, IProviderCatalog providers, CancellationToken cancellationToken)
    {
        using var body = await RequestJson.ReadAsync(request, cancellationToken);
        if (body is null || body.RootElement.ValueKind != JsonValueKind.Object)
        {
            return ApiProblems.Invalid("body", "Must be {\"configuration\": {...}} or a configuration object.");
        }
        // Accept the same body as POST /api/jobs, or the configuration itself.
        var json = body.RootElement.TryGetProperty("configuration", out var inline) ? inline : body.RootElement;
        var read = ConfigurationReader.Read(json, requireName: false);
        if (!read.IsValid)
        {
            return ApiProblems.Invalid(read.Errors);
        }

        var c = read.Value!;
        var provider = providers.List().FirstOrDefault(p => p.Name == c.Parameters.Provider);
        var imagesPerTask = provider?.ImagesPerTask ?? 1;
        var generations = c.Parameters.Count;
        var maxTasks = generations * (1 + c.Parameters.GenerationRetryAttempts);
        var images = generations * imagesPerTask;
        var prompts = c.Ai.RunPromptWriter ? generations : 0;
        var checks = c.Ai.RunQualityCheck ? images : 0;
        var metadata = c.Ai.RunMetadataGen ? images : 0;
        var cost = provider?.CostPerTask;
        return TypedResults.Ok(new EstimateResponse(
            c.Parameters.Provider, generations, generations, maxTasks, imagesPerTask, images,
            prompts, checks, metadata, prompts + checks + metadata, cost, cost * generations, cost * maxTasks));
    }
}
