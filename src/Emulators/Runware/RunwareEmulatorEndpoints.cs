using System.Text.Json;
using System.Text.Json.Nodes;
using GenImageFactory.Emulators.Imaging;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace GenImageFactory.Emulators.Runware;

/// <summary>
/// Runware's REST API: <c>POST {prefix}/v1</c> with an array of tasks (an optional <c>authentication</c> task, or
/// the key as a Bearer token), answering <c>imageInference</c> synchronously with <c>{"data": [...]}</c> of image
/// URLs, or <c>{"errors": [...]}</c>. A task with a <c>webhookURL</c> or <c>deliveryMethod: async</c> is acknowledged
/// at once and ends after the latency: each of its images is then posted to the webhook (<c>{"data": [result]}</c>),
/// and <c>getResponse</c> shows them (<c>processing</c> until then, <c>success</c> after).
/// </summary>
public static class RunwareEmulatorEndpoints
{
    public static RouteGroupBuilder MapRunwareEmulator(this IEndpointRouteBuilder app, string prefix)
    {
        var group = app.MapGroup(prefix).ExcludeFromDescription();
        group.MapPost("/v1", RunAsync);
        group.MapGet("/images/{file}", Image);
        return group;
    }

    private static async Task<IResult> RunAsync(HttpRequest request, RunwareEmulator emulator, EmulatorWebhookCaller webhooks)
    {
        JsonArray? tasks;
        try
        {
            tasks = await JsonNode.ParseAsync(request.Body) as JsonArray;
        }
        catch (JsonException)
        {
            tasks = null;
        }
        if (tasks is null)
        {
            return Error(400, "invalidJson", "The body must be a JSON array of tasks.");
        }
        var bearer = request.Headers.Authorization.ToString().Replace("Bearer ", "", StringComparison.OrdinalIgnoreCase).Trim();
        var key = tasks.FirstOrDefault(t => (string?)t?["taskType"] == "authentication")?["apiKey"]?.GetValue<string>() ?? bearer;
        if (key != emulator.Options.ApiKey)
        {
            return Error(401, "invalidApiKey", "Invalid API key.");
        }

        var inferences = tasks.Where(t => (string?)t?["taskType"] == "imageInference").ToList();
        if (emulator.Options.LatencyMs > 0 && inferences.Any(t => WebhookOf(t) is null && (string?)t!["deliveryMethod"] != "async"))
        {
            await Task.Delay(emulator.Options.LatencyMs, request.HttpContext.RequestAborted);
        }
        var data = new JsonArray();
        foreach (var task in tasks.Where(t => (string?)t?["taskType"] == "getResponse"))
        {
            var taskId = (string?)task!["taskUUID"] ?? "";
            if (emulator.Poll(taskId) is not { } held)
            {
                return Error(400, "invalidTaskUUID", "No asynchronous task has this taskUUID.", taskId);
            }
            foreach (var result in held.Results)
            {
                data.Add(emulator.NowUnixMs >= held.EndsAtUnixMs
                    ? result!.DeepClone()
                    : new JsonObject { ["taskType"] = "imageInference", ["taskUUID"] = taskId, ["status"] = "processing" });
            }
        }
        foreach (var task in inferences)
        {
            emulator.CountTask();
            var taskId = (string?)task!["taskUUID"];
            var prompt = (string?)task["positivePrompt"] ?? "";
            var width = (int?)task["width"] ?? 0;
            var height = (int?)task["height"] ?? 0;
            var results = (int?)task["numberResults"] ?? 1;
            var includeCost = (bool?)task["includeCost"] ?? false;
            if (!Guid.TryParse(taskId, out _) || prompt.Length < 2 || width % 64 != 0 || height % 64 != 0 || width is < 128 or > 2048 || height is < 128 or > 2048)
            {
                return Error(400, "invalidTask", "taskUUID must be a UUID, positivePrompt at least 2 characters, width and height multiples of 64 in 128-2048.", taskId);
            }
            if (prompt.Contains(RunwareEmulatorOptions.FailMarker, StringComparison.OrdinalIgnoreCase))
            {
                return Error(400, "contentModeration", "The prompt was rejected by the content filter.", taskId);
            }
            var images = new JsonArray();
            for (var i = 0; i < results; i++)
            {
                var name = EmulatedImageName.For(prompt, width, height, i);
                var result = new JsonObject
                {
                    ["taskType"] = "imageInference",
                    ["taskUUID"] = taskId,
                    ["imageUUID"] = Guid.NewGuid().ToString(),
                    ["imageURL"] = SignedUrls.Sign($"{request.Scheme}://{request.Host}{request.PathBase}{PrefixOf(request)}/images/{name.FileName}"),
                };
                if (includeCost)
                {
                    result["cost"] = emulator.Options.CostPerImage;
                }
                images.Add(result);
            }
            var webhook = WebhookOf(task);
            if (webhook is null && (string?)task["deliveryMethod"] != "async")
            {
                foreach (var image in images)
                {
                    data.Add(image!.DeepClone());
                }
                continue;
            }
            foreach (var image in images)
            {
                image!["status"] = "success";
            }
            var endsAt = emulator.NowUnixMs + emulator.Options.LatencyMs;
            emulator.Hold(taskId!, new RunwareAsyncTask(endsAt, images));
            foreach (var image in webhook is null ? new JsonArray() : images)
            {
                // One call per image, as Runware makes for a task of several results.
                webhooks.CallWhenEnded(webhook!, DateTimeOffset.FromUnixTimeMilliseconds(endsAt), () => new JsonObject { ["data"] = new JsonArray(image!.DeepClone()) });
            }
            data.Add(new JsonObject { ["taskType"] = "imageInference", ["taskUUID"] = taskId });
        }
        return Results.Json(new JsonObject { ["data"] = data });
    }

    /// <summary>A task's <c>webhookURL</c>, when it is an absolute http(s) URL.</summary>
    private static Uri? WebhookOf(JsonNode? task) =>
        task?["webhookURL"] is JsonValue value && value.TryGetValue<string>(out var url)
        && Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" ? uri : null;

    private static string PrefixOf(HttpRequest request) => request.Path.Value![..request.Path.Value!.LastIndexOf("/v1", StringComparison.Ordinal)];

    private static IResult Image(string file, RunwareEmulator emulator) =>
        EmulatedImageName.TryParse(file, out var name) ? Results.File(name.Render(emulator.Options.ImageLongSide), "image/png") : Results.NotFound();

    private static IResult Error(int status, string code, string message, string? taskId = null) =>
        Results.Json(new { errors = new[] { new { code, message, taskUUID = taskId } } }, statusCode: status);
}
