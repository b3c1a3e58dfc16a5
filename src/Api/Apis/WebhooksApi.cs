using GenImageFactory.Api.Contracts;
using System.Text.Json;
using GenImageFactory.Pipeline.Jobs;

namespace GenImageFactory.Api.Apis;

/// <summary>
/// <c>POST /api/webhooks/piapi?instance=</c>: PiAPI's call when a task ends. It carries no API key (the provider has
/// none of ours) but the secret this deployment gave with the task, checked first; it wakes the orchestration that
/// waits on the task (the generation's batch, or its own), which then polls: the call is a signal, the poll is what
/// the workflow believes.
/// </summary>
public static class WebhooksApi
{
    public const string SecretHeader = "x-webhook-secret";

    public static IEnumerable<ApiRoute> Routes =>
    [
        new(RouteNames.ReceivePiApiWebhook, "POST", "/api/webhooks/piapi", ReceivePiApiAsync, "Webhooks",
            "PiAPI's call when a task ends ({\"timestamp\", \"data\": {\"task_id\", ...}}, x-webhook-secret): wakes the orchestration waiting on it (instance: the task's batch or generation).") { Body = typeof(PiApiWebhookRequest) },
    ];

    public static async Task<Results<Accepted, ValidationProblem, ProblemHttpResult>> ReceivePiApiAsync(
        string? instance, HttpRequest request, IProviderWebhooks webhooks, IWorkflowClient workflow, CancellationToken cancellationToken)
    {
        if (!webhooks.IsGenuine("piapi", request.Headers[SecretHeader]))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Not a call this deployment asked for.",
                detail: $"Webhooks are off, or '{SecretHeader}' is not the secret given with the task.");
        }
        using var body = await RequestJson.ReadAsync(request, cancellationToken);
        var taskId = body?.RootElement is { ValueKind: JsonValueKind.Object } root && root.TryGetProperty("data", out var data)
            && data.ValueKind == JsonValueKind.Object && data.TryGetProperty("task_id", out var id) && id.ValueKind == JsonValueKind.String
            ? id.GetString()
            : null;
        var errors = new ValidationErrors();
        if (!JobInstanceIds.IsBatchOrGeneration(instance))
        {
            errors.Add("instance", "Is not a batch's or a generation's instance id.");
        }
        if (string.IsNullOrWhiteSpace(taskId) || taskId.Length > 200)
        {
            errors.Add("data.task_id", "Is required: the task's id.");
        }
        if (!errors.IsEmpty)
        {
            return ApiProblems.Invalid(errors);
        }
        await workflow.TellTaskChangedAsync(instance!, taskId!, cancellationToken);
        return TypedResults.Accepted((string?)null);
    }
}
