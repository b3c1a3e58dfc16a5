using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Serialization;
using GenImageFactory.Domain.Configuration;
using GenImageFactory.Pipeline.Models;
using GenImageFactory.Pipeline.Ports;
using Microsoft.Extensions.Options;

namespace GenImageFactory.Infrastructure.Providers;

/// <summary>
/// Runware's REST API: <c>POST /v1</c> with an array of tasks, here one <c>imageInference</c> whose width and
/// height follow the aspect ratio (multiples of 64, long side 1024). It answers synchronously, so a submit
/// completes the task; with a webhook (<see cref="CalledBackProviderOptions.WebhookBaseUrl"/>) the task is asynchronous
/// instead: the submit is acknowledged at once, Runware calls back as its images are done, and a poll is a
/// <c>getResponse</c> task, whose answer lists each image as <c>processing</c>, <c>success</c> or <c>error</c>.
/// </summary>
public sealed class RunwareClient(HttpClient http, IOptions<ProvidersOptions> options) : IImageProvider
{
    public const string ProviderName = "runware";
    public const int LongSide = 1024;

    public string Name => ProviderName;

    private CalledBackProviderOptions Endpoint => options.Value.Runware;

    /// <summary>
    /// Width and height for a ratio, both multiples of 64 as Runware requires: the largest long side up to 1024
    /// (down to 512) at which the ratio is exact, else 1024 with the short side rounded (at least 128).
    /// </summary>
    public static (int Width, int Height) SizeFor(string aspectRatio)
    {
        var ratio = AspectRatio.Parse(aspectRatio);
        var (longTerm, shortTerm) = (Math.Max(ratio.Width, ratio.Height), Math.Min(ratio.Width, ratio.Height));
        var longSide = LongSide;
        int shortSide;
        for (var candidate = LongSide; ; candidate -= 64)
        {
            if (candidate < 512)
            {
                shortSide = Math.Max(128, (int)Math.Round(LongSide * shortTerm / (double)longTerm / 64) * 64);
                break;
            }
            if (candidate * shortTerm % (longTerm * 64) == 0)
            {
                (longSide, shortSide) = (candidate, candidate * shortTerm / longTerm);
                break;
            }
        }
        return ratio.Width >= ratio.Height ? (longSide, shortSide) : (shortSide, longSide);
    }

    public async Task<ProviderTaskStatus> SubmitAsync(ProviderTaskRequest request, CancellationToken cancellationToken)
    {
        var taskId = Guid.NewGuid().ToString();
        var (width, height) = SizeFor(request.AspectRatio);
        var model = string.IsNullOrWhiteSpace(request.Model) ? Endpoint.Model ?? "runware:100@1" : request.Model;
        // Runware sends its webhook no headers, so the URL carries a token that proves the call is ours (ProviderWebhooks).
        var webhook = Endpoint.WebhookBaseUrl is { } webhooks && request.WakeInstance is { } instance
            ? ProviderWebhooks.Endpoint(webhooks, ProviderName, instance, ProviderWebhooks.TokenFor(Endpoint.WebhookSecret ?? "", instance, taskId)).ToString()
            : null;
        RunwareTask task = new("imageInference", taskId, request.Prompt, width, height, model, Endpoint.ImagesPerTask, "URL", "PNG", IncludeCost: true)
        {
            WebhookUrl = webhook,
            DeliveryMethod = webhook is null ? null : "async",
        };
        return await SendAsync([task], taskId, later: webhook is not null, cancellationToken);
    }

    /// <summary>A <c>getResponse</c> task: where an asynchronous task's images stand.</summary>
    public Task<ProviderTaskStatus> PollAsync(string taskId, CancellationToken cancellationToken) =>
        SendAsync([new RunwareResponseRequest("getResponse", taskId)], taskId, later: true, cancellationToken);

    /// <param name="later">The task is asynchronous: an answer without images (an acknowledgement, or images still processing) is a pending task.</param>
    private async Task<ProviderTaskStatus> SendAsync(object[] tasks, string taskId, bool later, CancellationToken cancellationToken)
    {
        using var message = new HttpRequestMessage(HttpMethod.Post, new Uri(Endpoint.BaseUrl!, "v1")) { Content = JsonContent.Create(tasks) };
        message.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", Endpoint.ApiKey ?? "");
        using var response = await http.SendAsync(message, cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);

        var answer = ProviderHttpAnswers.ReadJson<RunwareResponse>("Runware", response, text);
        // One task per request, so every image answered is this task's: an answer that names the task otherwise (a
        // replayed or proxied one) still carries its images.
        var items = answer?.Data ?? [];
        var ours = items.Any(d => d.TaskUuid == taskId) ? items.Where(d => d.TaskUuid == taskId).ToList() : items;
        var results = ours.Where(d => !string.IsNullOrWhiteSpace(d.ImageUrl) && !d.Is("processing", "pending", "error")).ToList();
        // Runware's first error is the reason; its code (e.g. insufficientCredits) may name the account. Errors are
        // per task, so images that came with one are kept; a provider-side timeout is worth another try.
        var error = answer?.Errors?.FirstOrDefault();
        if (results.Count == 0 && error?.Code is { } code && code.Contains("timeout", StringComparison.OrdinalIgnoreCase))
        {
            throw new HttpRequestException($"Runware answered {code}: {error.Message}", null, HttpStatusCode.ServiceUnavailable);
        }
        var reason = error?.Message ?? error?.Code ?? (response.IsSuccessStatusCode ? null : response.ReasonPhrase) ?? "no reason given";
        var reply = new ProviderReply(response.IsSuccessStatusCode || results.Count == 0 ? response.StatusCode : HttpStatusCode.OK, reason,
            Evidence: $"{error?.Code} {error?.Message}", ErrorInBody: error is not null && results.Count == 0);
        if (ProviderHttpAnswers.Judge(reply, "Runware", "Runware refused the task", taskId) is { } refusal)
        {
            return refusal;
        }
        if (later && (ours.Any(d => d.Is("processing", "pending")) || (results.Count == 0 && error is null && ours.All(d => d.Status is null))))
        {
            // Acknowledged (no status yet), or images still processing: the task's images are taken together once all are done.
            return ProviderTaskStatus.Pending(taskId, ours.Any(d => d.Is("pending")) ? "pending" : "processing");
        }
        // With includeCost each result carries what its image cost (USD).
        var cost = results.Any(r => r.Cost is not null) ? results.Sum(r => r.Cost ?? 0) : (decimal?)null;
        return results.Count > 0
            ? ProviderTaskStatus.Completed(taskId, results.Select(r => r.ImageUrl!).ToList()) with { Cost = cost }
            : ProviderTaskStatus.Failed(taskId, error is null && !ours.Any(d => d.Is("error"))
                ? "Runware completed the task but returned no image URL."
                : $"Runware task failed: {(error is null ? "its images ended in error" : reason)}");
    }
}

internal sealed record RunwareTask(
    [property: JsonPropertyName("taskType")] string TaskType,
    [property: JsonPropertyName("taskUUID")] string TaskUuid,
    [property: JsonPropertyName("positivePrompt")] string PositivePrompt,
    [property: JsonPropertyName("width")] int Width,
    [property: JsonPropertyName("height")] int Height,
    [property: JsonPropertyName("model")] string Model,
    [property: JsonPropertyName("numberResults")] int NumberResults,
    [property: JsonPropertyName("outputType")] string OutputType,
    [property: JsonPropertyName("outputFormat")] string OutputFormat,
    [property: JsonPropertyName("includeCost")] bool IncludeCost)
{
    [JsonPropertyName("webhookURL")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? WebhookUrl { get; init; }

    [JsonPropertyName("deliveryMethod")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? DeliveryMethod { get; init; }
}

internal sealed record RunwareResponseRequest(
    [property: JsonPropertyName("taskType")] string TaskType,
    [property: JsonPropertyName("taskUUID")] string TaskUuid);

internal sealed record RunwareResponse(
    [property: JsonPropertyName("data")] List<RunwareImage>? Data,
    [property: JsonPropertyName("errors")] List<RunwareError>? Errors);

internal sealed record RunwareImage(
    [property: JsonPropertyName("taskType")] string? TaskType,
    [property: JsonPropertyName("taskUUID")] string? TaskUuid,
    [property: JsonPropertyName("imageUUID")] string? ImageUuid,
    [property: JsonPropertyName("imageURL")] string? ImageUrl,
    [property: JsonPropertyName("cost")] decimal? Cost,
    [property: JsonPropertyName("status")] string? Status = null)
{
    /// <summary>True when <c>getResponse</c> reports this image in one of <paramref name="statuses"/> (any case).</summary>
    public bool Is(params string[] statuses) => Status is { } status && statuses.Contains(status.Trim(), StringComparer.OrdinalIgnoreCase);
}

internal sealed record RunwareError(
    [property: JsonPropertyName("code")] string? Code,
    [property: JsonPropertyName("message")] string? Message);
