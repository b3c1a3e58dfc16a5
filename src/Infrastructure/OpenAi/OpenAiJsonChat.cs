using System.ClientModel;
using System.Collections.Concurrent;
using System.Text.Json;
using GenImageFactory.Infrastructure.Providers;
using GenImageFactory.Pipeline.Ports;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpenAI;
using OpenAI.Chat;

namespace GenImageFactory.Infrastructure.OpenAi;

/// <summary>
/// Chat completions with structured (JSON schema) output through the official SDK: HTTP failures are
/// retried inside the SDK; malformed or rule-breaking answers are asked again a few times; an exhausted
/// quota and answers that never become usable are thrown as the pipeline's own exceptions.
/// </summary>
public sealed class OpenAiJsonChat(IOptions<ProvidersOptions> options, ILogger<OpenAiJsonChat> logger)
{
    private readonly ConcurrentDictionary<string, ChatClient> _clients = new(StringComparer.Ordinal);

    private OpenAiOptions Settings => options.Value.OpenAI;

    /// <param name="read">Turns the parsed answer into a result, or returns an error saying what is wrong with it.</param>
    public async Task<T> CompleteAsync<T>(
        string model,
        string instructions,
        IReadOnlyList<ChatMessageContentPart> user,
        string schemaName,
        string schema,
        Func<JsonElement, (T? Value, string? Error)> read,
        CancellationToken cancellationToken)
    {
        var client = _clients.GetOrAdd(model, CreateClient);
        var messages = new ChatMessage[] { new SystemChatMessage(instructions), new UserChatMessage(user) };
        var request = new ChatCompletionOptions
        {
            ResponseFormat = ChatResponseFormat.CreateJsonSchemaFormat(schemaName, BinaryData.FromString(schema), jsonSchemaIsStrict: true),
        };

        string? problem = null;
        for (var attempt = 0; attempt <= Settings.MaxOutputRetries; attempt++)
        {
            ChatCompletion completion;
            try
            {
                completion = (await client.CompleteChatAsync(messages, request, cancellationToken)).Value;
            }
            catch (ClientResultException ex) when (OpenAiErrors.AccountRefusal(ex) is { } refusal)
            {
                throw new AiAccountRefusedException(refusal);
            }
            catch (ClientResultException ex)
            {
                throw new AiUnavailableException($"OpenAI answered {ex.Status}: {OpenAiErrors.Describe(ex)}", ex);
            }
            // The SDK's own failures to get an answer: its network timeout (a cancellation nobody asked for), retries
            // given up on a dropped connection, an answer that is not a chat completion. Each step has its fallback
            // for a model that cannot answer; none of them may take the generation down with it.
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested
                && ex is OperationCanceledException or AggregateException or System.Net.Http.HttpRequestException or System.IO.IOException
                    or JsonException or FormatException or InvalidOperationException or ArgumentException or KeyNotFoundException)
            {
                throw new AiUnavailableException($"OpenAI gave no answer ({ex.GetType().Name}: {ex.Message})", ex);
            }

            problem = Parse(completion, read, out var value);
            if (problem is null)
            {
                return value!;
            }
            logger.OpenAiAnswerUnusable(schemaName, attempt + 1, problem);
        }
        throw new AiUnavailableException($"the model's answers stayed unusable: {problem}");
    }

    private static string? Parse<T>(ChatCompletion completion, Func<JsonElement, (T? Value, string? Error)> read, out T? value)
    {
        value = default;
        try
        {
            var text = completion.Content.Count > 0 ? completion.Content[0].Text : null;
            if (string.IsNullOrWhiteSpace(text))
            {
                return completion.Refusal is { Length: > 0 } refusal ? $"the model refused: {refusal}"
                    : completion.FinishReason == ChatFinishReason.ContentFilter ? "the answer was withheld by the content filter"
                    : "the answer was empty";
            }
            if (completion.FinishReason == ChatFinishReason.Length)
            {
                return "the answer was cut off at the model's output limit";
            }
            using var json = JsonDocument.Parse(text);
            (value, var error) = read(json.RootElement);
            return error;
        }
        // An answer with no choice at all reads as an empty list's first item.
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or KeyNotFoundException or ArgumentException)
        {
            return $"the answer was not the expected JSON ({ex.Message})";
        }
    }

    private ChatClient CreateClient(string model)
    {
        var settings = Settings;
        var clientOptions = new OpenAIClientOptions
        {
            Endpoint = settings.Endpoint,
            NetworkTimeout = TimeSpan.FromSeconds(settings.RequestTimeoutSeconds),
            RetryPolicy = new QuotaAwareRetryPolicy(settings.MaxRetries),
        };
        return new ChatClient(model, new ApiKeyCredential(settings.ApiKey ?? "not-configured"), clientOptions);
    }
}
