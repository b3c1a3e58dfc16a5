using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using GenImageFactory.Domain.Providers;
using GenImageFactory.Domain.Keywords;
using GenImageFactory.Emulators.Imaging;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace GenImageFactory.Emulators.PiApi;

/// <summary>PiAPI's unified task API: <c>POST /api/v1/task</c>, <c>GET /api/v1/task/{id}</c>, plus the image URLs it hands out.</summary>
public static class PiApiEmulatorEndpoints
{
    public static RouteGroupBuilder MapPiApiEmulator(this IEndpointRouteBuilder app, string prefix)
    {
        var group = app.MapGroup(prefix).ExcludeFromDescription();
        group.MapPost("/api/v1/task", SubmitAsync);
        group.MapGet("/api/v1/task/{taskId}", PollAsync);
        group.MapGet("/images/{taskId}/{index:int}.png", DownloadImage);
        group.MapGet("/images/{taskId}/grid.png", DownloadGrid);
        return group;
    }

    private static async Task<IResult> SubmitAsync(HttpRequest request, PiApiEmulator emulator, EmulatorWebhookCaller webhooks)
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
        var (input, problem) = EmulatedTaskInput.Read(body);
        if (input is null)
        {
            return Error(400, problem!);
        }
        if (emulator.Options.OutOfCredits)
        {
            return Error(400, "failed to freeze points: insufficient credits, please top up your account");
        }
        if (emulator.Options.EnabledModels.Count > 0 && !emulator.Options.EnabledModels.Contains(input.Model.Id))
        {
            return Error(403, $"model {input.Model.Id} is not enabled for this account");
        }

        var promptHash = StableHash.Of(input.Prompt);
        var allBlank = input.Prompt.Contains(PiApiEmulatorOptions.BlankMarker, StringComparison.OrdinalIgnoreCase);
        var task = new EmulatedTask(emulator.NextCreatedUnixMs(), input.ShapeWidth, input.ShapeHeight, promptHash,
            emulator.FateOf(input.Prompt, promptHash), input.Model, input.ImageCount, allBlank);
        var endsAtMs = task.CreatedUnixMs + emulator.Options.LatencyMs;
        var images = ImagesUrlOf(request);
        if (task.Fate != TaskFate.NeverFinishes)
        {
            emulator.InFlight.Add(task.CreatedUnixMs, endsAtMs);
            if (WebhookOf(body) is { } webhook)
            {
                webhooks.CallWhenEnded(webhook.Endpoint, DateTimeOffset.FromUnixTimeMilliseconds(endsAtMs),
                    () => new JsonObject { ["timestamp"] = emulator.NowUnixMs / 1000, ["data"] = Envelope(images, task, emulator)["data"]!.DeepClone() },
                    webhook.Secret is null ? null : new Dictionary<string, string> { [SecretHeader] = webhook.Secret });
            }
        }
        return Results.Json(Envelope(images, task, emulator));
    }

    private static async Task<IResult> PollAsync(string taskId, HttpRequest request, PiApiEmulator emulator)
    {
        emulator.CountPoll(taskId);
        if (await RefuseAsync(request, emulator) is { } refusal)
        {
            return refusal;
        }
        return EmulatedTask.TryParse(taskId, out var task)
            ? Results.Json(Envelope(ImagesUrlOf(request), task, emulator))
            : Error(404, "task not found");
    }

    private static IResult DownloadImage(string taskId, int index, PiApiEmulator emulator)
    {
        emulator.CountDownload();
        if (!EmulatedTask.TryParse(taskId, out var task) || index < 0 || index >= task.ImageCount)
        {
            return Results.NotFound();
        }
        return Results.File(ImageOf(task, index, emulator), "image/png");
    }

    /// <summary>A Midjourney task's four images in one 2x2 grid, as its <c>image_url</c> shows them.</summary>
    private static IResult DownloadGrid(string taskId, PiApiEmulator emulator)
    {
        emulator.CountDownload();
        return EmulatedTask.TryParse(taskId, out var task) && task.Model.Sizing == PiApiSizing.AspectRatio
            ? Results.File(PlaceholderImageRenderer.GridPng([.. Enumerable.Range(0, task.ImageCount).Select(i => ImageOf(task, i, emulator))]), "image/png")
            : Results.NotFound();
    }

    private static byte[] ImageOf(EmulatedTask task, int index, PiApiEmulator emulator)
    {
        var seed = task.PromptHash ^ (ulong)(index + 1) * 0x9E3779B97F4A7C15UL;
        return PlaceholderImageRenderer.RenderPng(task.Shape, emulator.Options.ImageLongSide, seed, emulator.IsBlank(task, index));
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

    /// <summary>The task as PiAPI shows it: Midjourney fills all three URL fields, Flux <c>image_url</c> (and <c>image_urls</c> for a batch).</summary>
    /// <summary>Where PiAPI's webhook carries the secret given with the task.</summary>
    public const string SecretHeader = "x-webhook-secret";

    /// <summary><c>config.webhook_config</c>: an absolute http(s) endpoint and its optional secret.</summary>
    private static (Uri Endpoint, string? Secret)? WebhookOf(JsonNode? body)
    {
        var config = body?["config"]?["webhook_config"];
        return config?["endpoint"] is JsonValue value && value.TryGetValue<string>(out var endpoint)
            && Uri.TryCreate(endpoint, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
            ? (uri, config["secret"] is JsonValue s && s.TryGetValue<string>(out var secret) ? secret : null)
            : null;
    }

    /// <summary>Where this emulator serves images, as the caller reached it.</summary>
    private static string ImagesUrlOf(HttpRequest request) => $"{request.Scheme}://{request.Host}{request.PathBase}{PrefixOf(request)}/images";

    private static JsonObject Envelope(string imagesUrl, EmulatedTask task, PiApiEmulator emulator)
    {
        var status = task.StatusAt(emulator.NowUnixMs, emulator.Options.LatencyMs);
        var output = new JsonObject();
        var completed = status == "Completed";
        if (completed)
        {
            var baseUrl = $"{imagesUrl}/{task.Id}";
            var urls = Enumerable.Range(0, task.ImageCount).Select(i => (JsonNode)SignedUrls.Sign($"{baseUrl}/{i}.png")).ToArray();
            // Midjourney's image_url is its 2x2 grid; a plan that does not split it lists nothing else.
            output["image_url"] = task.Model.Sizing == PiApiSizing.AspectRatio ? SignedUrls.Sign($"{baseUrl}/grid.png") : urls[0]!.DeepClone();
            if (task.Model.Sizing == PiApiSizing.AspectRatio ? !emulator.Options.MidjourneyGridOnly : task.ImageCount > 1)
            {
                output["image_urls"] = new JsonArray(urls);
            }
            if (task.Model.Sizing == PiApiSizing.AspectRatio && !emulator.Options.MidjourneyGridOnly)
            {
                output["temporary_image_urls"] = new JsonArray(urls.Select(u => u.DeepClone()).ToArray());
            }
        }
        var failed = status == "Failed";
        var credits = emulator.CreditsFor(task);
        return new JsonObject
        {
            ["code"] = 200,
            ["data"] = new JsonObject
            {
                ["task_id"] = task.Id,
                ["model"] = task.Model.Id,
                ["task_type"] = task.Model.TaskType,
                ["status"] = status,
                ["input"] = task.Model.Sizing == PiApiSizing.AspectRatio
                    ? new JsonObject { ["aspect_ratio"] = task.Shape.ToString() }
                    : new JsonObject { ["width"] = task.ShapeWidth, ["height"] = task.ShapeHeight, ["batch_size"] = task.ImageCount },
                ["output"] = output,
                ["meta"] = new JsonObject
                {
                    ["usage"] = new JsonObject
                    {
                        ["type"] = "point",
                        ["frozen"] = completed || failed ? 0 : credits,
                        ["consume"] = completed ? credits : 0,
                    },
                    ["is_using_private_pool"] = false,
                },
                ["error"] = new JsonObject
                {
                    ["code"] = failed ? 10000 : 0,
                    ["raw_message"] = "",
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
