using GenImageFactory.Api.Contracts;
using System.Text.Json;
using GenImageFactory.Pipeline.Jobs;

namespace GenImageFactory.Api.Apis;

/// <summary>
/// <c>POST /api/webhooks/{provider}?instance=</c>: a provider's call when a task ends. It carries no API key (the
/// provider has none of ours) but what this deployment gave with the task, checked first: PiAPI's secret in
/// <c>x-webhook-secret</c>, Runware's token in the URL (Runware sends no headers). It wakes the orchestration that
/// waits on the task (the generation's batch, or its own), which then polls: the call is a signal, the poll is what
/// the workflow believes.
/// </summary>
public static class WebhooksApi
{
    public const string SecretHeader = "x-webhook-secret";

    /// <summary>
    /// The providers that call back, where each one's call names its task, and whether its credential is of the task
    /// (Runware's URL token), so that it can be checked only once the body is read.
    /// </summary>
    private static readonly Dictionary<string, (string Field, Func<JsonElement, string?> TaskId, bool TokenOfTask)> Callers = new(StringComparer.Ordinal)
    {
        ["piapi"] = ("data.task_id", root => Text(Property(Property(root, "data"), "task_id")), false),
        ["runware"] = ("data.taskUUID", RunwareTaskId, true),
    };

    public static IEnumerable<ApiRoute> Routes =>
    [
        new(RouteNames.ReceiveProviderWebhook, "POST", "/api/webhooks/{provider}", ReceiveAsync, "Webhooks",
            "A provider's call when a task ends (provider: piapi, with x-webhook-secret; runware, with the token of its URL): wakes the orchestration waiting on it (instance: the task's batch or generation).") { Body = typeof(ProviderWebhookRequest) },
    ];

    public static async Task<Results<Accepted, ValidationProblem, ProblemHttpResult>> ReceiveAsync(
        string provider, string? instance, string? token, HttpRequest request, IProviderWebhooks webhooks, IWorkflowClient workflow, ProviderCallsSeen seen,
        CancellationToken cancellationToken)
    {
        if (!Callers.TryGetValue(provider, out var caller))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such provider.",
                detail: $"Providers that call back: {string.Join(", ", Callers.Keys)}.");
        }
        string? secret = request.Headers[SecretHeader];
        if (caller.TokenOfTask ? !webhooks.IsEnabled(provider) || token is null : !webhooks.IsGenuine(provider, instance, null, secret, token))
        {
            return NotOurs(provider);
        }
        using var body = await RequestJson.ReadAsync(request, cancellationToken);
        var taskId = body is null ? null : caller.TaskId(body.RootElement);
        var errors = new ValidationErrors();
        if (body is null)
        {
            errors.Add("body", "Must be JSON: the provider's call.");
        }
        if (!JobInstanceIds.IsBatchOrGeneration(instance))
        {
            errors.Add("instance", "Is not a batch's or a generation's instance id.");
        }
        if (body is not null && (string.IsNullOrWhiteSpace(taskId) || taskId.Length > 200))
        {
            errors.Add(caller.Field, "Is required: the task's id.");
        }
        if (!errors.IsEmpty)
        {
            return ApiProblems.Invalid(errors);
        }
        // Runware's token is of the instance and the task, so its call is judged genuine once both are read.
        if (!webhooks.IsGenuine(provider, instance, taskId, secret, token))
        {
            return NotOurs(provider);
        }
        if (seen.TryBegin(instance!, taskId!))
        {
            try
            {
                await workflow.TellTaskChangedAsync(instance!, taskId!, cancellationToken);
            }
            catch
            {
                seen.Forget(instance!, taskId!);
                throw;
            }
        }
        return TypedResults.Accepted((string?)null);
    }

    private static ProblemHttpResult NotOurs(string provider) =>
        TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Not a call this deployment asked for.",
            detail: $"Webhooks are off for {provider}, or the call does not carry what was given with the task ('{SecretHeader}', or the URL's token).");

    /// <summary>Runware posts the task's response (<c>{"data": [{"taskUUID", ...}]}</c>, or its errors), or one result of it.</summary>
    private static string? RunwareTaskId(JsonElement root)
    {
        var candidates = new[] { Property(root, "data"), Property(root, "errors"), root }
            .SelectMany(e => e.ValueKind == JsonValueKind.Array ? e.EnumerateArray() : Enumerable.Repeat(e, 1));
        return candidates.Select(e => Text(Property(e, "taskUUID"))).FirstOrDefault(id => id is not null);
    }

    private static JsonElement Property(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) ? value : default;

    private static string? Text(JsonElement element) => element.ValueKind == JsonValueKind.String ? element.GetString() : null;
}
