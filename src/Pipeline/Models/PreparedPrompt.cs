namespace GenImageFactory.Pipeline.Models;

/// <param name="Prompt">The prompt as recorded on images.</param>
/// <param name="ProviderPrompt">The prompt as sent to the provider (with provider-specific suffixes).</param>
/// <param name="Note">Why the filled template was used instead of a written prompt, if it was.</param>
/// <param name="Fatal">A problem that should stop the whole job (an exhausted model quota).</param>
public sealed record PreparedPrompt(string Prompt, string ProviderPrompt, string AspectRatio, string? Note = null, string? Fatal = null);
