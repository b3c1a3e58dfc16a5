using System.Text.Json;
using System.Text.Json.Nodes;
using GenImageFactory.Emulators.Imaging;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace GenImageFactory.Emulators.OpenAi;

/// <summary>
/// OpenAI's Images API, <c>POST {prefix}/v1/images/generations</c> (dall-e-3 sizes, <c>response_format: url</c>),
/// answering with URLs of images it serves itself; true enough for the official SDK's <c>ImageClient</c>.
/// </summary>
public static class ImageGenerationEndpoints
{
    private static readonly string[] Sizes = ["1024x1024", "1792x1024", "1024x1792"];

    public static RouteGroupBuilder MapOpenAiImagesEmulator(this RouteGroupBuilder group)
    {
        group.MapPost("/v1/images/generations", GenerateAsync);
        group.MapGet("/v1/images/files/{file}", ImageAsync);
        return group;
    }

    private static async Task<IResult> GenerateAsync(HttpRequest request, OpenAiEmulator emulator)
    {
        if (!OpenAiEmulatorEndpoints.Authorized(request, emulator.Options.ApiKey))
        {
            return OpenAiErrors.InvalidApiKey(request);
        }
        JsonNode? body;
        try
        {
            body = await JsonNode.ParseAsync(request.Body);
        }
        catch (JsonException)
        {
            return OpenAiErrors.InvalidRequest("We could not parse the JSON body of your request.", null);
        }
        emulator.CountImage();
        if (emulator.Options.ImageLatencyMs > 0)
        {
            await Task.Delay(emulator.Options.ImageLatencyMs, request.HttpContext.RequestAborted);
        }
        var prompt = (string?)body?["prompt"] ?? "";
        var size = (string?)body?["size"] ?? "1024x1024";
        if (prompt.Length == 0)
        {
            return OpenAiErrors.InvalidRequest("prompt is required.", "prompt");
        }
        if (!Sizes.Contains(size))
        {
            return OpenAiErrors.InvalidRequest($"'{size}' is not one of {string.Join(", ", Sizes)}.", "size");
        }
        if (prompt.Contains("emulator:fail", StringComparison.OrdinalIgnoreCase))
        {
            return OpenAiErrors.InvalidRequest("Your request was rejected as a result of our safety system.", "prompt", "content_policy_violation");
        }
        emulator.CountImageOf(prompt);
        var (width, height) = (int.Parse(size.Split('x')[0]), int.Parse(size.Split('x')[1]));
        var name = EmulatedImageName.For(prompt, width, height, 0);
        var prefix = request.Path.Value![..request.Path.Value!.LastIndexOf("/v1/", StringComparison.Ordinal)];
        return Results.Json(new JsonObject
        {
            ["created"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
            ["data"] = new JsonArray(new JsonObject
            {
                ["url"] = $"{request.Scheme}://{request.Host}{request.PathBase}{prefix}/v1/images/files/{name.FileName}",
                ["revised_prompt"] = prompt,
            }),
        });
    }

    private static async Task<IResult> ImageAsync(string file, OpenAiEmulator emulator, HttpContext http)
    {
        if (!EmulatedImageName.TryParse(file, out var name))
        {
            return Results.NotFound();
        }
        if (emulator.CountDownloadOf(file) == 0 && emulator.Options.FirstFileDelayMs > 0)
        {
            await Task.Delay(emulator.Options.FirstFileDelayMs, http.RequestAborted);
        }
        return Results.File(name.Render(emulator.Options.ImageLongSide), "image/png");
    }
}
