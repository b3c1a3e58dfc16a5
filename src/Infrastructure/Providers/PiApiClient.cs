using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using GenImageFactory.Domain.Configuration;
using GenImageFactory.Domain.Providers;
using GenImageFactory.Pipeline.Models;
using GenImageFactory.Pipeline.Ports;
using Microsoft.Extensions.Options;

namespace GenImageFactory.Infrastructure.Providers;

/// <summary>
/// PiAPI's unified task API (<c>POST /api/v1/task</c>, <c>GET /api/v1/task/{id}</c>) for every model of
/// <see cref="PiApiModels"/>: Flux txt2img with width and height, Midjourney imagine with an aspect ratio.
/// Transient HTTP failures are retried by the resilience handler (honouring Retry-After); what is left is
/// thrown, or, for a refused task, reported as failed — as fatal when the account is the problem.
/// </summary>
public sealed class PiApiClient(HttpClient http, IOptions<ProvidersOptions> options) : IImageProvider
{
    public const string ProviderName = "piapi";

    public string Name => ProviderName;

    private PiApiOptions Endpoint => options.Value.PiApi;

    /// <summary>The task body PiAPI expects for the request's model.</summary>
    public JsonObject TaskBody(ProviderTaskRequest request)
    {
        var model = PiApiModels.Get(request.Model);
        var input = new JsonObject { ["prompt"] = request.Prompt };
        if (model.Sizing == PiApiSizing.AspectRatio)
        {
            input["aspect_ratio"] = request.AspectRatio;
            input["process_mode"] = request.ProcessMode;
        }
        else
        {
            var (width, height) = model.SizeFor(AspectRatio.Parse(request.AspectRatio));
            input["width"] = width;
            input["height"] = height;
            if (model.MaxImagesPerTask > 1)
            {
                input["batch_size"] = Endpoint.ImagesPerTaskOf(model);
            }
        }
        var body = new JsonObject { ["model"] = model.Id, ["task_type"] = model.TaskType, ["input"] = input };
        if (Endpoint.WebhookBaseUrl is { } webhooks && request.WakeInstance is { } instance)
        {
            body["config"] = new JsonObject
            {
                ["webhook_config"] = new JsonObject
                {
                    ["endpoint"] = ProviderWebhooks.Endpoint(webhooks, ProviderName, instance, token: null).ToString(),
                    ["secret"] = Endpoint.WebhookSecret,
                },
            };
        }
        return body;
    }

    public async Task<ProviderTaskStatus> SubmitAsync(ProviderTaskRequest request, CancellationToken cancellationToken)
    {
        using var message = new HttpRequestMessage(HttpMethod.Post, new Uri(Endpoint.BaseUrl!, "api/v1/task"))
        {
            Content = JsonContent.Create(TaskBody(request)),
        };
        var (data, refusal) = await SendAsync(message, null, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }
        var taskId = data?.TaskId;
        return string.IsNullOrWhiteSpace(taskId)
            ? throw new InvalidDataException("PiAPI accepted the task but returned no task_id.")
            : ToStatus(taskId, data!);
    }

    public async Task<ProviderTaskStatus> PollAsync(string taskId, CancellationToken cancellationToken)
    {
        using var message = new HttpRequestMessage(HttpMethod.Get, new Uri(Endpoint.BaseUrl!, $"api/v1/task/{Uri.EscapeDataString(taskId)}"));
        var (data, refusal) = await SendAsync(message, taskId, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }
        return data is null
            ? throw new InvalidDataException("PiAPI answered without task data.")
            : ToStatus(taskId, data);
    }

    private ProviderTaskStatus ToStatus(string taskId, PiApiTaskData data)
    {
        switch (data.Status?.Trim().ToLowerInvariant())
        {
            case "completed":
                var urls = data.Output?.ImageUrlsInPreferenceOrder() ?? [];
                var completed = urls.Count > 0
                    ? ProviderTaskStatus.Completed(taskId, urls) with { GridSide = IsGridOnly(data) ? MidjourneyGridSide : 0 }
                    : ProviderTaskStatus.Failed(taskId, "PiAPI reported the task completed but returned no image URL.");
                return WithUsage(completed, data);
            case "failed":
                var reason = data.Error?.Describe() ?? "no reason given";
                var failed = ProviderHttpAnswers.NamesTheAccount(reason)
                    ? ProviderTaskStatus.Refused(taskId, $"PiAPI stopped the task: {reason}")
                    : ProviderTaskStatus.Failed(taskId, $"PiAPI task failed: {reason}");
                return WithUsage(failed, data);
            default:
                // pending, processing, staged, or a state PiAPI adds later: keep polling until the timeout.
                return ProviderTaskStatus.Pending(taskId, data.Status);
        }
    }

    /// <summary>Midjourney's imagine answers a 2x2 grid of its four images.</summary>
    private const int MidjourneyGridSide = 2;

    /// <summary>A Midjourney imagine that answered its grid alone: the four images are cut from it.</summary>
    private static bool IsGridOnly(PiApiTaskData data) =>
        data.Output is { OnlyTheSingleUrl: true } && string.Equals(data.Model, PiApiModels.Midjourney.Id, StringComparison.OrdinalIgnoreCase)
        && (data.TaskType is null || string.Equals(data.TaskType, PiApiModels.Midjourney.TaskType, StringComparison.OrdinalIgnoreCase));

    /// <summary>A finished task's <c>meta.usage.consume</c>: the credits it cost, and their value in USD.</summary>
    private ProviderTaskStatus WithUsage(ProviderTaskStatus status, PiApiTaskData data) =>
        data.Meta?.Usage?.Consume is { } credits and >= 0
            ? status with { Credits = credits, Cost = credits / Endpoint.CreditsPerUsd }
            : status;

    /// <summary>Sends with the API key; a 4xx other than 429 is the provider refusing (this task, or the account).</summary>
    private async Task<(PiApiTaskData? Data, ProviderTaskStatus? Refusal)> SendAsync(HttpRequestMessage message, string? taskId, CancellationToken cancellationToken)
    {
        message.Headers.Add("x-api-key", Endpoint.ApiKey ?? "");
        using var response = await http.SendAsync(message, cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        var envelope = ProviderHttpAnswers.ReadJson<PiApiEnvelope>("PiAPI", response, text);

        // Some answers carry the error only in the envelope's code (an HTTP status, or PiAPI's own such as 10000), with
        // HTTP 200 and no task; its message then says why, and names the account when the account is the problem.
        var envelopeError = response.IsSuccessStatusCode && envelope is { Code: { } code } && code != 200 && string.IsNullOrEmpty(envelope.Data?.TaskId);
        var status = !envelopeError ? response.StatusCode
            : envelope!.Code is >= 400 and < 600 ? (HttpStatusCode)envelope.Code.Value
            : HttpStatusCode.BadRequest;
        var reason = envelope?.Data?.Error?.Describe() ?? NonEmpty(envelope?.Message)
            ?? (envelopeError ? $"error code {envelope!.Code}" : response.ReasonPhrase) ?? "no reason given";
        var refusal = ProviderHttpAnswers.Judge(new ProviderReply(status, reason), "PiAPI", "PiAPI refused the request", taskId);
        return refusal is null ? (envelope?.Data, null) : (null, refusal);
    }

    private static string? NonEmpty(string? text) => string.IsNullOrWhiteSpace(text) ? null : text;
}
