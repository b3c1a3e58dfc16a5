using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;

namespace GenImageFactory.Emulators.PiApi;

/// <summary>
/// PiAPI's webhook, as its unified API documents it: a task submitted with <c>config.webhook_config</c> is posted to
/// its <c>endpoint</c> when it ends (completed or failed), with <c>x-webhook-secret</c> and a body of
/// <c>{"timestamp", "data"}</c> where data is what polling the task would show.
/// </summary>
public sealed class PiApiWebhookCaller(IHttpClientFactory clients, TimeProvider time, ILogger<PiApiWebhookCaller> logger)
{
    public const string SecretHeader = "x-webhook-secret";

    private long _calls;

    /// <summary>Webhook calls made (answered or not).</summary>
    public long Calls => Interlocked.Read(ref _calls);

    /// <summary>Calls <paramref name="endpoint"/> once the task has ended; <paramref name="taskData"/> is asked for then.</summary>
    public void CallWhenEnded(Uri endpoint, string? secret, DateTimeOffset endsAt, Func<JsonNode> taskData) =>
        _ = Task.Run(async () =>
        {
            try
            {
                var wait = endsAt - time.GetUtcNow();
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait, time);
                }
                using var message = new HttpRequestMessage(HttpMethod.Post, endpoint)
                {
                    Content = JsonContent.Create(new JsonObject { ["timestamp"] = time.GetUtcNow().ToUnixTimeSeconds(), ["data"] = taskData() }),
                };
                if (!string.IsNullOrEmpty(secret))
                {
                    message.Headers.Add(SecretHeader, secret);
                }
                Interlocked.Increment(ref _calls);
                using var response = await clients.CreateClient(nameof(PiApiWebhookCaller)).SendAsync(message);
                logger.WebhookCalled(endpoint, (int)response.StatusCode);
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                // PiAPI does not promise delivery: the receiver's polling is the safety net.
                logger.WebhookFailed(endpoint, ex.Message);
            }
        });
}
