using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace GenImageFactory.Local;

/// <summary>A small client of the factory's HTTP API, for the local runner, the bench and tests.</summary>
public sealed class FactoryClient(HttpClient http)
{
    public HttpClient Http => http;

    /// <summary>Starts a job from an inline configuration; returns its id.</summary>
    public async Task<string> StartJobAsync(JsonNode configuration, CancellationToken cancellationToken = default)
    {
        using var response = await http.PostAsJsonAsync("api/jobs", new JsonObject { ["configuration"] = configuration.DeepClone() }, cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"Starting the job failed ({(int)response.StatusCode}): {body}");
        }
        return JsonNode.Parse(body)!["id"]!.GetValue<string>();
    }

    public async Task<JsonElement> GetJobAsync(string jobId, CancellationToken cancellationToken = default) =>
        await http.GetFromJsonAsync<JsonElement>($"api/jobs/{jobId}", cancellationToken);

    /// <summary>Polls the job until it ends (completed, failed or cancelled) or the timeout passes.</summary>
    public async Task<JsonElement> WaitForJobAsync(string jobId, TimeSpan timeout, Action<JsonElement>? onProgress = null, CancellationToken cancellationToken = default)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var job = await GetJobAsync(jobId, cancellationToken);
            onProgress?.Invoke(job);
            if (job.GetProperty("status").GetString() is "completed" or "failed" or "cancelled")
            {
                return job;
            }
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Job {jobId} did not end within {timeout}; last seen: {job}");
            }
            await Task.Delay(250, cancellationToken);
        }
    }

    /// <summary>Every image of a job, following continuations.</summary>
    public async Task<List<JsonElement>> ListImagesAsync(string jobId, CancellationToken cancellationToken = default)
    {
        var images = new List<JsonElement>();
        string? continuation = null;
        do
        {
            var url = $"api/jobs/{jobId}/images?limit=100" + (continuation is null ? "" : $"&continuation={Uri.EscapeDataString(continuation)}");
            var page = await http.GetFromJsonAsync<JsonElement>(url, cancellationToken);
            images.AddRange(page.GetProperty("items").EnumerateArray());
            continuation = page.GetProperty("continuation").GetString();
        }
        while (continuation is not null);
        return images;
    }
}
