using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;

namespace GenImageFactory.Emulators;

/// <summary>
/// The emulators' webhook calls, as the providers document theirs: a task submitted with a webhook is posted to it when
/// it ends, with what the provider sends (PiAPI's secret header and envelope, Runware's task results). Neither
/// provider promises delivery, so a call that fails is logged and not made again: the receiver's polling is the safety net.
/// </summary>
public sealed class EmulatorWebhookCaller(IHttpClientFactory clients, TimeProvider time, ILogger<EmulatorWebhookCaller> logger)
{
    private long _calls;

    /// <summary>Webhook calls made (answered or not).</summary>
    public long Calls => Interlocked.Read(ref _calls);

    /// <summary>Posts to <paramref name="endpoint"/> once <paramref name="endsAt"/> has come; <paramref name="body"/> is asked for then.</summary>
    public void CallWhenEnded(Uri endpoint, DateTimeOffset endsAt, Func<JsonNode> body, IReadOnlyDictionary<string, string>? headers = null) =>
        _ = Task.Run(async () =>
        {
            // The log names the route, not the query: Runware's URL carries the receiver's token.
            var route = new Uri(endpoint.GetLeftPart(UriPartial.Path));
            try
            {
                var wait = endsAt - time.GetUtcNow();
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait, time);
                }
                using var message = new HttpRequestMessage(HttpMethod.Post, endpoint) { Content = JsonContent.Create(body()) };
                foreach (var (name, value) in headers ?? new Dictionary<string, string>())
                {
                    message.Headers.Add(name, value);
                }
                Interlocked.Increment(ref _calls);
                using var response = await clients.CreateClient(nameof(EmulatorWebhookCaller)).SendAsync(message);
                logger.WebhookCalled(route, (int)response.StatusCode);
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                logger.WebhookFailed(route, ex.Message);
            }
        });
}
