using System.Text.Json.Nodes;

namespace GenImageFactory.Emulators.OpenAi;

/// <summary>The <c>chat.completion</c> object, with the fields the real API sends, so the SDK's <c>ChatCompletion</c> reads it as it reads OpenAI's.</summary>
internal static class ChatCompletionEnvelope
{
    /// <summary>The start of the answer a model cut off mid-way: the envelope parses, the content does not.</summary>
    public static string Truncated(ChatKind? kind) => kind switch
    {
        ChatKind.GenerationPrompt => "{\"prompt\": \"",
        ChatKind.ImageMetadata => "{\"title\": \"",
        _ => "{\"passed\": tru",
    };

    public static JsonObject Build(OpenAiEmulator emulator, ulong sequence, ChatRequest chat, string content)
    {
        var promptTokens = 4 * Math.Max(1, chat.MessageCount) + (chat.UserText.Length + 3) / 4 + (chat.ImageUrl is null ? 0 : 85);
        var completionTokens = Math.Max(1, (content.Length + 3) / 4);
        return new JsonObject
        {
            ["id"] = emulator.CompletionId(sequence),
            ["object"] = "chat.completion",
            ["created"] = emulator.NowUnixSeconds,
            ["model"] = chat.Model,
            ["choices"] = new JsonArray(new JsonObject
            {
                ["index"] = 0,
                ["message"] = new JsonObject
                {
                    ["role"] = "assistant",
                    ["content"] = content,
                    ["refusal"] = null,
                    ["annotations"] = new JsonArray(),
                },
                ["logprobs"] = null,
                ["finish_reason"] = "stop",
            }),
            ["usage"] = new JsonObject
            {
                ["prompt_tokens"] = promptTokens,
                ["completion_tokens"] = completionTokens,
                ["total_tokens"] = promptTokens + completionTokens,
            },
            ["service_tier"] = "default",
            ["system_fingerprint"] = "fp_emulator",
        };
    }
}
