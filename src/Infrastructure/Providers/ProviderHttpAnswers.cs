using System.Net;
using System.Text.Json;
using GenImageFactory.Pipeline.Models;

namespace GenImageFactory.Infrastructure.Providers;

/// <summary>How every image provider's answer is classified: retry it, refuse this task, or stop the job.</summary>
internal static class ProviderHttpAnswers
{
    /// <summary>Words providers use when the account, not the task, is the problem.</summary>
    private static readonly string[] AccountWords =
        ["credit", "balance", "insufficient", "quota", "payment", "invalid api key", "unauthorized", "not enabled", "no access", "permission", "upgrade your plan", "subscription"];

    public static ProviderAnswer Classify(ProviderReply reply)
    {
        if ((int)reply.Status is >= 200 and < 300 && !reply.ErrorInBody)
        {
            return ProviderAnswer.Accepted;
        }
        // Waiting cannot refill a spent quota, though the provider answers it with 429.
        if (reply.QuotaExhausted)
        {
            return ProviderAnswer.AccountRefused;
        }
        if (reply.Status is HttpStatusCode.TooManyRequests || (int)reply.Status >= 500)
        {
            return ProviderAnswer.Transient;
        }
        return reply.Status is HttpStatusCode.Unauthorized or HttpStatusCode.PaymentRequired or HttpStatusCode.Forbidden
            || NamesTheAccount(reply.Evidence ?? reply.Reason)
            ? ProviderAnswer.AccountRefused
            : ProviderAnswer.TaskRefused;
    }

    /// <summary>Whether a provider's words blame the account (for a task it ran and failed, the words are all there is).</summary>
    public static bool NamesTheAccount(string words) =>
        AccountWords.Any(word => words.Contains(word, StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// Applies <see cref="Classify"/>: null when accepted; a transient answer is thrown; a refusal is the task's
    /// failed status, fatal to the job when the account is refused.
    /// </summary>
    /// <param name="refused">How the message starts, e.g. "PiAPI refused the request".</param>
    public static ProviderTaskStatus? Judge(ProviderReply reply, string provider, string refused, string? taskId) => Classify(reply) switch
    {
        ProviderAnswer.Accepted => null,
        ProviderAnswer.Transient => throw new HttpRequestException($"{provider} answered {(int)reply.Status}: {reply.Reason}", null, reply.Status),
        var answer => Refusal(answer, taskId, $"{refused} ({(int)reply.Status}): {reply.Reason}"),
    };

    public static ProviderTaskStatus Refusal(ProviderAnswer answer, string? taskId, string message) =>
        answer is ProviderAnswer.AccountRefused ? ProviderTaskStatus.Refused(taskId, message) : ProviderTaskStatus.Failed(taskId, message);

    /// <summary>
    /// How providers' JSON is read: as published, which is not always strict (comments in examples, numbers sent as
    /// strings, trailing commas).
    /// </summary>
    private static readonly JsonSerializerOptions Lenient = new()
    {
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowReadingFromString,
    };

    /// <summary>
    /// A provider's JSON body. One that is not JSON is judged by its status: on success it is malformed data (thrown);
    /// a 429 or 5xx is the transient failure it came with (thrown); any other 4xx (a gateway's page, an empty 404) is
    /// null, so that the status alone decides, as <see cref="Judge"/> does.
    /// </summary>
    public static T? ReadJson<T>(string provider, HttpResponseMessage response, string text)
    {
        try
        {
            return JsonSerializer.Deserialize<T>(text, Lenient);
        }
        catch (JsonException ex)
        {
            if (response.IsSuccessStatusCode)
            {
                throw new InvalidDataException($"{provider} answered with malformed JSON: {ex.Message}", ex);
            }
            if (response.StatusCode is HttpStatusCode.TooManyRequests || (int)response.StatusCode >= 500)
            {
                throw new HttpRequestException($"{provider} answered {(int)response.StatusCode}.", ex, response.StatusCode);
            }
            return default;
        }
    }
}
