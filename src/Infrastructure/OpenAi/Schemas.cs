namespace GenImageFactory.Infrastructure.OpenAi;

/// <summary>Structured-output JSON schemas (strict mode: every property required, no others).</summary>
internal static class Schemas
{
    public const string Prompt = """
        {"type":"object","properties":{"prompt":{"type":"string"}},"required":["prompt"],"additionalProperties":false}
        """;

    public const string Quality = """
        {"type":"object","properties":{"passed":{"type":"boolean"},"reason":{"type":"string"}},"required":["passed","reason"],"additionalProperties":false}
        """;

    public const string Metadata = """
        {"type":"object","properties":{"title":{"type":"string"},"description":{"type":"string"},"tags":{"type":"array","items":{"type":"string"}}},"required":["title","description","tags"],"additionalProperties":false}
        """;
}
