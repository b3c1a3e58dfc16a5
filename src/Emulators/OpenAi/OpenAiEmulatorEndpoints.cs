using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using GenImageFactory.Domain.Configuration;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace GenImageFactory.Emulators.OpenAi;

/// <summary>
/// OpenAI's Chat Completions API, <c>POST {prefix}/v1/chat/completions</c>, true enough to the wire protocol that
/// the official SDK works against it (configure the SDK's endpoint as <c>{host}{prefix}/v1</c>). What is asked
/// for is told by the name of the requested JSON schema; the answer is that schema's JSON as the message content.
/// </summary>
public static class OpenAiEmulatorEndpoints
{
    /// <summary>Quotes and non-ASCII stay readable in the content string, as a model writes them (it is still valid JSON).</summary>
    private static readonly JsonSerializerOptions ContentJson = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static RouteGroupBuilder MapOpenAiEmulator(this IEndpointRouteBuilder app, string prefix)
    {
        var group = app.MapGroup(prefix).ExcludeFromDescription();
        group.MapPost("/v1/chat/completions", CompleteAsync);
        group.MapOpenAiImagesEmulator();
        return group;
    }

    private static async Task<IResult> CompleteAsync(HttpRequest request, OpenAiEmulator emulator)
    {
        var cancellation = request.HttpContext.RequestAborted;
        JsonNode? body = null;
        var bodyIsJson = true;
        try
        {
            body = await JsonNode.ParseAsync(request.Body, cancellationToken: cancellation);
        }
        catch (JsonException)
        {
            bodyIsJson = false;
        }
        var chat = ChatRequest.From(body);
        emulator.Count(chat.Kind);

        if (!Authorized(request, emulator.Options.ApiKey))
        {
            return OpenAiErrors.InvalidApiKey(request);
        }
        if (emulator.Options.ResponseDelayMs > 0)
        {
            await Task.Delay(emulator.Options.ResponseDelayMs, cancellation);
        }
        var (sequence, fault) = emulator.NextRequest();
        switch (fault)
        {
            case ChatFault.ServerError:
                return OpenAiErrors.ServerError();
            case ChatFault.RateLimited:
                return OpenAiErrors.RateLimited(request.HttpContext.Response, emulator.Options.RetryAfterSeconds);
            case ChatFault.QuotaExhausted:
                return OpenAiErrors.QuotaExhausted();
            case ChatFault.MalformedJson:
                return Results.Json(ChatCompletionEnvelope.Build(emulator, sequence, chat, ChatCompletionEnvelope.Truncated(chat.Kind)));
        }

        if (!bodyIsJson || body is not JsonObject)
        {
            return OpenAiErrors.InvalidRequest("We could not parse the JSON body of your request. (HINT: This likely means you aren't using your HTTP library correctly.)", null);
        }
        if (body["stream"] is JsonValue stream && stream.TryGetValue<bool>(out var streaming) && streaming)
        {
            return OpenAiErrors.InvalidRequest("The emulator does not support 'stream': true.", "stream");
        }
        if (chat.Kind is not { } kind)
        {
            return OpenAiErrors.InvalidRequest(
                $"Invalid value for 'response_format': the emulator answers only 'json_schema' formats named '{OpenAiEmulator.GenerationPromptSchema}', '{OpenAiEmulator.QualityCheckSchema}' or '{OpenAiEmulator.ImageMetadataSchema}'.",
                "response_format");
        }
        if (string.IsNullOrWhiteSpace(chat.UserText))
        {
            return OpenAiErrors.InvalidRequest("Invalid 'messages': expected at least one user message with text.", "messages");
        }

        JsonObject content;
        switch (kind)
        {
            case ChatKind.GenerationPrompt:
                content = PromptEnhancer.Reply(chat.PromptOrAllText());
                break;
            case ChatKind.ImageMetadata:
                content = MetadataWriter.Reply(chat.PromptOrAllText());
                break;
            default:
                if (chat.ImageUrl is null)
                {
                    return OpenAiErrors.InvalidRequest("Invalid 'messages': quality_check needs an image_url content part.", "messages");
                }
                using (var image = chat.DecodeImage())
                {
                    if (image is null)
                    {
                        return OpenAiErrors.InvalidRequest("You uploaded an unsupported image. Please make sure your image is valid.", null, "invalid_image_format");
                    }
                    var ratio = AspectRatio.TryParse(chat.LineValue("Requested aspect ratio"), out var requested) ? requested : (AspectRatio?)null;
                    content = QualityChecker.Reply(image, chat.LineValue("Prompt") ?? "", ratio);
                }
                break;
        }
        return Results.Json(ChatCompletionEnvelope.Build(emulator, sequence, chat, content.ToJsonString(ContentJson)));
    }

    internal static bool Authorized(HttpRequest request, string apiKey)
    {
        var header = request.Headers.Authorization.ToString();
        const string scheme = "Bearer ";
        return header.StartsWith(scheme, StringComparison.OrdinalIgnoreCase) && string.Equals(header[scheme.Length..].Trim(), apiKey, StringComparison.Ordinal);
    }
}
