using System.Text.Json.Nodes;

namespace GenImageFactory.Server.Tests.Support;

/// <summary>Inline job configurations for tests: fast polling, seconds-scale timings.</summary>
public static class Configurations
{
    public static JsonObject Job(int count, string keywords = "red barn\nblue lake\ngreen hill", string aspectRatios = "1:1,16:9,9:16", int retryAttempts = 0) => new()
    {
        ["keywords"] = keywords,
        ["systemPrompt"] = "stock photo of {keyword}",
        ["parameters"] = new JsonObject
        {
            ["count"] = count,
            ["aspectRatios"] = aspectRatios,
            ["pollingIntervalSeconds"] = 1,
            ["pollingTimeoutMinutes"] = 2,
            ["generationRetryAttempts"] = retryAttempts,
        },
    };

    /// <summary>One keyword, one aspect ratio and no model steps: the provider's latency is the whole story.</summary>
    public static JsonObject ProviderOnlyJob(int count, string keyword, int? maxConcurrency = null)
    {
        var job = Job(count, keywords: keyword, aspectRatios: "1:1");
        job["ai"] = new JsonObject { ["runPromptWriter"] = false, ["runQualityCheck"] = false, ["runMetadataGen"] = false };
        if (maxConcurrency is { } cap)
        {
            job["parameters"]!["maxConcurrency"] = cap;
        }
        return job;
    }
}
