using System.Text.Json.Nodes;
using SkiaSharp;

namespace GenImageFactory.Emulators.OpenAi;

/// <summary>
/// The parts of a Chat Completions request the emulator answers from: the model, the kind (the name of the
/// requested JSON schema), all user text and the first image. Content may be a string or an array of parts,
/// as the SDK sends either.
/// </summary>
internal sealed class ChatRequest
{
    private ChatRequest(string model, ChatKind? kind, string userText, string? imageUrl, int messageCount)
    {
        Model = model;
        Kind = kind;
        UserText = userText;
        ImageUrl = imageUrl;
        MessageCount = messageCount;
    }

    public string Model { get; }

    /// <summary>Null when the schema name is missing or unknown.</summary>
    public ChatKind? Kind { get; }

    /// <summary>Every user text part, joined with newlines.</summary>
    public string UserText { get; }

    /// <summary>The first <c>image_url</c> part's URL, if any.</summary>
    public string? ImageUrl { get; }

    public int MessageCount { get; }

    public static ChatRequest From(JsonNode? body)
    {
        var model = body?["model"] is JsonValue m && m.TryGetValue<string>(out var name) ? name : "gpt-4o";
        var texts = new List<string>();
        string? imageUrl = null;
        var messages = body?["messages"] as JsonArray ?? [];
        foreach (var message in messages.OfType<JsonObject>())
        {
            if (!string.Equals(Text(message["role"]), "user", StringComparison.Ordinal))
            {
                continue;
            }
            switch (message["content"])
            {
                case JsonValue value when value.TryGetValue<string>(out var text):
                    texts.Add(text);
                    break;
                case JsonArray parts:
                    foreach (var part in parts.OfType<JsonObject>())
                    {
                        switch (Text(part["type"]))
                        {
                            case "text" when Text(part["text"]) is { } text:
                                texts.Add(text);
                                break;
                            case "image_url":
                                imageUrl ??= Text(part["image_url"]?["url"]);
                                break;
                        }
                    }
                    break;
            }
        }
        return new ChatRequest(model, KindOf(body), string.Join("\n", texts), imageUrl, messages.Count);
    }

    /// <summary>The text after <c>Label:</c> on the first line that starts with it, or null.</summary>
    public string? LineValue(string label)
    {
        foreach (var line in UserText.Split('\n'))
        {
            var trimmed = line.Trim();
            if (trimmed.Length > label.Length
                && trimmed.StartsWith(label, StringComparison.OrdinalIgnoreCase)
                && trimmed[label.Length] == ':')
            {
                return trimmed[(label.Length + 1)..].Trim();
            }
        }
        return null;
    }

    /// <summary>The <c>Prompt:</c> line if there is one, otherwise all user text on one line.</summary>
    public string PromptOrAllText() =>
        LineValue("Prompt") ?? string.Join(' ', UserText.Split((char[])['\n', '\r', '\t', ' '], StringSplitOptions.RemoveEmptyEntries));

    /// <summary>A base64 <c>data:</c> URL decoded; null for anything else (the emulator fetches no remote URLs).</summary>
    public SKBitmap? DecodeImage()
    {
        var url = ImageUrl ?? "";
        const string marker = ";base64,";
        var at = url.IndexOf(marker, StringComparison.OrdinalIgnoreCase);
        if (!url.StartsWith("data:image/", StringComparison.OrdinalIgnoreCase) || at < 0)
        {
            return null;
        }
        byte[] bytes;
        try
        {
            bytes = Convert.FromBase64String(url[(at + marker.Length)..]);
        }
        catch (FormatException)
        {
            return null;
        }
        using var data = SKData.CreateCopy(bytes);
        using var codec = SKCodec.Create(data);
        return codec is null ? null : SKBitmap.Decode(codec);
    }

    private static ChatKind? KindOf(JsonNode? body)
    {
        var format = body?["response_format"];
        if (Text(format?["type"]) != "json_schema")
        {
            return null;
        }
        return Text(format?["json_schema"]?["name"]) switch
        {
            OpenAiEmulator.GenerationPromptSchema => ChatKind.GenerationPrompt,
            OpenAiEmulator.QualityCheckSchema => ChatKind.QualityCheck,
            OpenAiEmulator.ImageMetadataSchema => ChatKind.ImageMetadata,
            _ => null,
        };
    }

    private static string? Text(JsonNode? node) =>
        node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
}
