using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using GenImageFactory.Pipeline.Models;
using GenImageFactory.Pipeline.Ports;
using Microsoft.Extensions.Options;

namespace GenImageFactory.Infrastructure.Providers;

/// <summary>
/// PiAPI's unified task API (Midjourney imagine). Transient HTTP failures are retried by the resilience
/// handler (honouring Retry-After); what is left is thrown, or, for a refused task, reported as failed.
/// </summary>
public sealed class PiApiClient(HttpClient http, IOptions<ProvidersOptions> options) : IImageProvider
{
    public const string ProviderName = "piapi";

    public string Name => ProviderName;

    private ProviderEndpointOptions Endpoint => options.Value.PiApi;

    public async Task<ProviderTaskStatus> SubmitAsync(ProviderTaskRequest request, CancellationToken cancellationToken)
    {
        var body = new PiApiTaskRequest("midjourney", "imagine", new PiApiImagineInput(request.Prompt, request.AspectRatio, request.ProcessMode));
        using var message = new HttpRequestMessage(HttpMethod.Post, new Uri(Endpoint.BaseUrl!, "api/v1/task"))
        {
            Content = JsonContent.Create(body),
        };
        var envelope = await SendAsync(message, cancellationToken);
        if (envelope.Refusal is { } refusal)
        {
            return ProviderTaskStatus.Failed(null, refusal);
        }
        var taskId = envelope.Data?.TaskId;
        return string.IsNullOrWhiteSpace(taskId)
            ? throw new InvalidDataException("PiAPI accepted the task but returned no task_id.")
            : ToStatus(taskId, envelope.Data!);
    }

    public async Task<ProviderTaskStatus> PollAsync(string taskId, CancellationToken cancellationToken)
    {
        using var message = new HttpRequestMessage(HttpMethod.Get, new Uri(Endpoint.BaseUrl!, $"api/v1/task/{Uri.EscapeDataString(taskId)}"));
        var envelope = await SendAsync(message, cancellationToken);
        if (envelope.Refusal is { } refusal)
        {
            return ProviderTaskStatus.Failed(taskId, refusal);
        }
        return envelope.Data is null
            ? throw new InvalidDataException("PiAPI answered without task data.")
            : ToStatus(taskId, envelope.Data);
    }

    private static ProviderTaskStatus ToStatus(string taskId, PiApiTaskData data)
    {
        switch (data.Status?.Trim().ToLowerInvariant())
        {
            case "completed":
                var urls = data.Output?.ImageUrlsInPreferenceOrder() ?? [];
                return urls.Count > 0
                    ? ProviderTaskStatus.Completed(taskId, urls)
                    : ProviderTaskStatus.Failed(taskId, "PiAPI reported the task completed but returned no image URL.");
            case "failed":
                return ProviderTaskStatus.Failed(taskId, $"PiAPI task failed: {data.Error?.Message ?? "no reason given"}");
            default:
                // pending, processing, staged, or a state PiAPI adds later: keep polling until the timeout.
                return ProviderTaskStatus.Pending(taskId);
        }
    }

    /// <summary>Sends with the API key; a 4xx other than 429 is the provider refusing this task (not worth retrying).</summary>
    private async Task<(PiApiTaskData? Data, string? Refusal)> SendAsync(HttpRequestMessage message, CancellationToken cancellationToken)
    {
        message.Headers.Add("x-api-key", Endpoint.ApiKey ?? "");
        using var response = await http.SendAsync(message, cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);

        PiApiEnvelope? envelope;
        try
        {
            envelope = JsonSerializer.Deserialize<PiApiEnvelope>(text);
        }
        catch (JsonException ex)
        {
            if (!response.IsSuccessStatusCode)
            {
                throw new HttpRequestException($"PiAPI answered {(int)response.StatusCode}.", ex, response.StatusCode);
            }
            throw new InvalidDataException($"PiAPI answered with malformed JSON: {ex.Message}", ex);
        }

        if (response.IsSuccessStatusCode)
        {
            return (envelope?.Data, null);
        }
        var reason = envelope?.Data?.Error?.Message ?? envelope?.Message ?? response.ReasonPhrase ?? "no reason given";
        if (response.StatusCode is HttpStatusCode.TooManyRequests || (int)response.StatusCode >= 500)
        {
            throw new HttpRequestException($"PiAPI answered {(int)response.StatusCode}: {reason}", null, response.StatusCode);
        }
        return (null, $"PiAPI refused the request ({(int)response.StatusCode}): {reason}");
    }
}

internal sealed record PiApiTaskRequest(
    [property: JsonPropertyName("model")] string Model,
    [property: JsonPropertyName("task_type")] string TaskType,
    [property: JsonPropertyName("input")] PiApiImagineInput Input);

internal sealed record PiApiImagineInput(
    [property: JsonPropertyName("prompt")] string Prompt,
    [property: JsonPropertyName("aspect_ratio")] string AspectRatio,
    [property: JsonPropertyName("process_mode")] string ProcessMode);

internal sealed record PiApiEnvelope(
    [property: JsonPropertyName("code")] int? Code,
    [property: JsonPropertyName("data")] PiApiTaskData? Data,
    [property: JsonPropertyName("message")] string? Message);

internal sealed record PiApiTaskData(
    [property: JsonPropertyName("task_id")] string? TaskId,
    [property: JsonPropertyName("status")] string? Status,
    [property: JsonPropertyName("output")] PiApiOutput? Output,
    [property: JsonPropertyName("error")] PiApiError? Error);

internal sealed record PiApiError(
    [property: JsonPropertyName("code")] int? Code,
    [property: JsonPropertyName("message")] string? Message);

internal sealed record PiApiOutput(
    [property: JsonPropertyName("temporary_image_urls")] List<string>? TemporaryImageUrls,
    [property: JsonPropertyName("image_urls")] List<string>? ImageUrls,
    [property: JsonPropertyName("image_url")] string? ImageUrl)
{
    /// <summary>The four split images when present, else the list, else the single (grid) image.</summary>
    public IReadOnlyList<string> ImageUrlsInPreferenceOrder()
    {
        static List<string> Clean(IEnumerable<string?>? urls) =>
            urls?.Where(u => !string.IsNullOrWhiteSpace(u)).Select(u => u!).ToList() ?? [];

        var temporary = Clean(TemporaryImageUrls);
        if (temporary.Count > 0)
        {
            return temporary;
        }
        var list = Clean(ImageUrls);
        return list.Count > 0 ? list : Clean([ImageUrl]);
    }
}
