using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using GenImageFactory.Domain.Configuration;
using GenImageFactory.Domain.Keywords;
using GenImageFactory.Emulators.Imaging;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace GenImageFactory.Emulators.PiApi;

/// <summary>PiAPI's unified task API: <c>POST /api/v1/task</c>, <c>GET /api/v1/task/{id}</c>, plus the image URLs it hands out.</summary>
public static class PiApiEmulatorEndpoints
{
    public const int ImagesPerTask = 4;

    public static RouteGroupBuilder MapPiApiEmulator(this IEndpointRouteBuilder app, string prefix)
    {
        var group = app.MapGroup(prefix).ExcludeFromDescription();
        group.MapPost("/api/v1/task", SubmitAsync);
        group.MapGet("/api/v1/task/{taskId}", PollAsync);
        group.MapGet("/images/{taskId}/{index:int}.png", DownloadImage);
        return group;
    }

    private static async Task<IResult> SubmitAsync(HttpRequest request, PiApiEmulator emulator)
    {
        emulator.CountSubmit();
        if (await RefuseAsync(request, emulator) is { } refusal)
        {
            return refusal;
        }

        JsonNode? body;
        try
        {
            body = await JsonNode.ParseAsync(request.Body);
        }
        catch (JsonException)
        {
            return Error(400, "request body is not valid JSON");
        }
        var prompt = body?["input"]?["prompt"]?.GetValue<string>() ?? "";
        var ratioText = body?["input"]?["aspect_ratio"]?.GetValue<string>() ?? "1:1";
        if ((string?)body?["model"] != "midjourney" || (string?)body?["task_type"] != "imagine")
        {
            return Error(400, "only model 'midjourney' with task_type 'imagine' is emulated");
        }
        if (string.IsNullOrWhiteSpace(prompt) || !AspectRatio.TryParse(ratioText, out var ratio))
        {
            return Error(400, "input.prompt is required and input.aspect_ratio must be W:H");
        }

        var promptHash = StableHash.Of(prompt);
        var allBlank = prompt.Contains(PiApiEmulatorOptions.BlankMarker, StringComparison.OrdinalIgnoreCase);
        var task = new EmulatedTask(emulator.NowUnixMs, ratio, promptHash, emulator.FateOf(prompt, promptHash), allBlank);
        return Results.Json(Envelope(request, task, emulator));
    }

    private static async Task<IResult> PollAsync(string taskId, HttpRequest request, PiApiEmulator emulator)
    {
        emulator.CountPoll(taskId);
        if (await RefuseAsync(request, emulator) is { } refusal)
        {
            return refusal;
        }
        return EmulatedTask.TryParse(taskId, out var task)
            ? Results.Json(Envelope(request, task, emulator))
            : Error(404, "task not found");
    }

    private static IResult DownloadImage(string taskId, int index, PiApiEmulator emulator)
    {
        emulator.CountDownload();
        if (!EmulatedTask.TryParse(taskId, out var task) || index is < 0 or >= ImagesPerTask)
        {
            return Results.NotFound();
        }
        var seed = task.PromptHash ^ (ulong)(index + 1) * 0x9E3779B97F4A7C15UL;
        var png = PlaceholderImageRenderer.RenderPng(task.AspectRatio, emulator.Options.ImageLongSide, seed, emulator.IsBlank(task, index));
        return Results.File(png, "image/png");
    }

    /// <summary>Authentication, then the configured faults: the answers a real client must survive.</summary>
    private static async Task<IResult?> RefuseAsync(HttpRequest request, PiApiEmulator emulator)
    {
        if (emulator.Options.ResponseDelayMs > 0)
        {
            await Task.Delay(emulator.Options.ResponseDelayMs, request.HttpContext.RequestAborted);
        }
        if (request.Headers["x-api-key"] != emulator.Options.ApiKey)
        {
            return Error(401, "Invalid API key");
        }
        switch (emulator.NextRequestFault())
        {
            case RequestFault.ServerError:
                return Error(500, "emulated server error");
            case RequestFault.RateLimited:
                request.HttpContext.Response.Headers.RetryAfter = emulator.Options.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
                return Error(429, "emulated rate limit");
            case RequestFault.MalformedJson:
                return Results.Text("{\"code\":200,\"data\":{\"task_id\":", "application/json");
            default:
                return null;
        }
    }

    private static JsonObject Envelope(HttpRequest request, EmulatedTask task, PiApiEmulator emulator)
    {
        var status = task.StatusAt(emulator.NowUnixMs, emulator.Options.LatencyMs);
        var output = new JsonObject();
        if (status == "Completed")
        {
            var baseUrl = $"{request.Scheme}://{request.Host}{request.PathBase}{PrefixOf(request)}/images/{task.Id}";
            var urls = Enumerable.Range(0, ImagesPerTask).Select(i => (JsonNode)$"{baseUrl}/{i}.png").ToArray();
            output["image_url"] = $"{baseUrl}/0.png";
            output["image_urls"] = new JsonArray(urls);
            output["temporary_image_urls"] = new JsonArray(urls.Select(u => u.DeepClone()).ToArray());
        }
        var failed = status == "Failed";
        return new JsonObject
        {
            ["code"] = 200,
            ["data"] = new JsonObject
            {
                ["task_id"] = task.Id,
                ["model"] = "midjourney",
                ["task_type"] = "imagine",
                ["status"] = status,
                ["input"] = new JsonObject { ["aspect_ratio"] = task.AspectRatio.ToString() },
                ["output"] = output,
                ["error"] = new JsonObject
                {
                    ["code"] = failed ? 10000 : 0,
                    ["message"] = failed ? "emulated failure: the image could not be generated" : "",
                },
            },
            ["message"] = "success",
        };
    }

    /// <summary>The group prefix this request came through (everything before <c>/api/v1/task</c>).</summary>
    private static string PrefixOf(HttpRequest request)
    {
        var path = request.Path.Value ?? "";
        var at = path.IndexOf("/api/v1/task", StringComparison.Ordinal);
        return at >= 0 ? path[..at] : "";
    }

    private static IResult Error(int status, string message) =>
        Results.Json(new JsonObject { ["code"] = status, ["data"] = null, ["message"] = message }, statusCode: status);
}
