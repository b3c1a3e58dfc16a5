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
/// URLs, or <c>{"errors": [...]}</c>.
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

    private static async Task<IResult> RunAsync(HttpRequest request, RunwareEmulator emulator)
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

        if (emulator.Options.LatencyMs > 0)
        {
            await Task.Delay(emulator.Options.LatencyMs, request.HttpContext.RequestAborted);
        }
        var data = new JsonArray();
        foreach (var task in tasks.Where(t => (string?)t?["taskType"] == "imageInference"))
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
                data.Add(result);
            }
        }
        return Results.Json(new JsonObject { ["data"] = data });
    }

    private static string PrefixOf(HttpRequest request) => request.Path.Value![..request.Path.Value!.LastIndexOf("/v1", StringComparison.Ordinal)];

    private static IResult Image(string file, RunwareEmulator emulator) =>
        EmulatedImageName.TryParse(file, out var name) ? Results.File(name.Render(emulator.Options.ImageLongSide), "image/png") : Results.NotFound();

    private static IResult Error(int status, string code, string message, string? taskId = null) =>
        Results.Json(new { errors = new[] { new { code, message, taskUUID = taskId } } }, statusCode: status);
}
