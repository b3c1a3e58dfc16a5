using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace GenImageFactory.Emulators.RemoveBg;

/// <summary>remove.bg's API: <c>POST /v1.0/removebg</c>, multipart form <c>image_file</c> + <c>size</c>, key in <c>X-Api-Key</c>, PNG back.</summary>
public static class RemoveBgEmulatorEndpoints
{
    public static RouteGroupBuilder MapRemoveBgEmulator(this IEndpointRouteBuilder app, string prefix)
    {
        var group = app.MapGroup(prefix).ExcludeFromDescription();
        group.MapPost("/v1.0/removebg", RemoveAsync).DisableAntiforgery();
        return group;
    }

    private static async Task<IResult> RemoveAsync(HttpRequest request, RemoveBgEmulator emulator)
    {
        var sequence = emulator.CountRequest();
        var options = emulator.Options;
        if (request.Headers["X-Api-Key"] != options.ApiKey)
        {
            return Error(403, "Invalid API key");
        }
        if (options.OutOfCredits)
        {
            return Error(402, "Insufficient credits");
        }
        if (options.ServerErrorRate > 0 && sequence % Math.Max(1, (long)Math.Round(1 / options.ServerErrorRate)) == 0)
        {
            return Error(500, "Internal server error");
        }
        if (!request.HasFormContentType)
        {
            return Error(400, "Expected multipart/form-data with image_file");
        }
        var form = await request.ReadFormAsync();
        var file = form.Files["image_file"];
        var size = form["size"].ToString() is { Length: > 0 } s ? s : "auto";
        if (file is null || file.Length == 0)
        {
            return Error(400, "No image given (image_file)");
        }
        if (size is not ("auto" or "preview" or "full" or "4k" or "small" or "regular" or "medium" or "hd"))
        {
            return Error(400, $"Unknown size '{size}'");
        }
        using var bytes = new MemoryStream();
        await file.CopyToAsync(bytes);
        try
        {
            return Results.File(RemoveBgEmulator.RemoveBackground(bytes.ToArray(), size), "image/png");
        }
        catch (InvalidDataException ex)
        {
            return Error(400, ex.Message);
        }
    }

    /// <summary>remove.bg's error shape: <c>{"errors": [{"title": "..."}]}</c>.</summary>
    private static IResult Error(int status, string title) =>
        Results.Json(new { errors = new[] { new { title } } }, statusCode: status);
}
