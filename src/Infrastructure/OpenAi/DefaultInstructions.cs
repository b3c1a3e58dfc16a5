namespace GenImageFactory.Infrastructure.OpenAi;

/// <summary>The built-in prompts; a configuration's <c>qualityCheckPrompt</c> / <c>metadataPrompt</c> replace the last two.</summary>
internal static class DefaultInstructions
{
    public const string PromptWriter =
        "You write prompts for an image generation model that makes commercial stock images. Rewrite the user's " +
        "draft into one vivid, specific prompt of at most 80 words. Keep every subject and constraint of the draft. " +
        "Do not ask for text, logos, watermarks, real people or brands. Answer as JSON {\"prompt\": string}.";

    public const string QualityCheck =
        "You review AI-generated images before they are sold as stock. Fail the image if it shows any of: text, " +
        "letters or typos; celebrities or recognisable real people; logos or brand marks; copyrighted characters; " +
        "famous landmarks; identifiable commercial products; watermarks or signatures; a blank, broken or badly " +
        "distorted picture; an aspect ratio different from the one requested. Otherwise pass it. Answer as JSON " +
        "{\"passed\": boolean, \"reason\": string} with a short human-readable reason either way.";

    public const string Metadata =
        "You write metadata for a stock image. Answer as JSON {\"title\": string, \"description\": string, \"tags\": " +
        "[string]}: a title of 8 to 12 words, a description of 150 to 250 characters, and exactly 15 distinct, " +
        "lower-case, relevant tags ordered from most to least important.";
}
