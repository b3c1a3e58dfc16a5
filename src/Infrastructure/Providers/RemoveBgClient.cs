using System.Net.Http.Headers;
using System.Text.Json;
using GenImageFactory.Pipeline.Ports;
using Microsoft.Extensions.Options;

namespace GenImageFactory.Infrastructure.Providers;

/// <summary>
/// remove.bg (<c>POST /v1.0/removebg</c>, multipart <c>image_file</c> + <c>size</c>, key in <c>X-Api-Key</c>).
/// Transient failures are retried by the resilience handler; anything left becomes a
/// <see cref="BackgroundRemovalException"/> carrying remove.bg's own error title, and the image keeps its background.
/// </summary>
public sealed class RemoveBgClient(HttpClient http, IOptions<ProvidersOptions> options) : IBackgroundRemover
{
    public const string ProviderName = "removebg";

    private ProviderEndpointOptions Endpoint => options.Value.RemoveBg;

    public async Task<byte[]> RemoveAsync(ReadOnlyMemory<byte> image, string size, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(Endpoint.ApiKey))
        {
            throw new BackgroundRemovalException("no remove.bg key is configured (REMOVE_BG_API_KEY)");
        }
        using var form = new MultipartFormDataContent();
        var file = new ReadOnlyMemoryContent(image);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(file, "image_file", "image");
        form.Add(new StringContent(size), "size");
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(Endpoint.BaseUrl!, "v1.0/removebg")) { Content = form };
        request.Headers.Add("X-Api-Key", Endpoint.ApiKey);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("image/png"));

        try
        {
            using var response = await http.SendAsync(request, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                throw new BackgroundRemovalException($"remove.bg answered {(int)response.StatusCode}: {await ErrorTitleAsync(response, cancellationToken)}");
            }
            var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
            return response.Content.Headers.ContentType?.MediaType switch
            {
                // Its JSON form, which remove.bg sends to a client that asks for JSON: the image in data.result_b64.
                "application/json" => ResultOf(body),
                { } type when !type.StartsWith("image/", StringComparison.OrdinalIgnoreCase) =>
                    throw new BackgroundRemovalException($"remove.bg answered with {type}, not an image"),
                _ => body,
            };
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or Polly.Timeout.TimeoutRejectedException or Polly.CircuitBreaker.BrokenCircuitException)
        {
            throw new BackgroundRemovalException($"remove.bg could not be reached: {ex.Message}", ex);
        }
    }

    private static byte[] ResultOf(byte[] json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            return document.RootElement.GetProperty("data").GetProperty("result_b64").GetBytesFromBase64();
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw new BackgroundRemovalException($"remove.bg answered JSON without an image in data.result_b64 ({ex.Message})", ex);
        }
    }

    private static async Task<string> ErrorTitleAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
            var error = json.RootElement.GetProperty("errors")[0];
            var title = error.GetProperty("title").GetString() ?? response.ReasonPhrase ?? "";
            // A detail says what to change ("File exceeds limit of 12MB").
            return error.TryGetProperty("detail", out var detail) && detail.ValueKind == JsonValueKind.String ? $"{title} ({detail.GetString()})" : title;
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException or IndexOutOfRangeException)
        {
            return response.ReasonPhrase ?? "no details";
        }
    }
}
