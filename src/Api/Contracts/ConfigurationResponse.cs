using GenImageFactory.Pipeline.Models;

namespace GenImageFactory.Api.Contracts;

/// <summary>The configuration resource of the HTTP API: the configuration's fields plus id, times and ETag.</summary>
public sealed record ConfigurationResponse(
    string Id,
    string Name,
    string Keywords,
    bool KeywordRandom,
    string KeywordsFormat,
    string SystemPrompt,
    string? QualityCheckPrompt,
    string? MetadataPrompt,
    GenerationParameters Parameters,
    ProcessingSettings Processing,
    AiSettings Ai,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    string Etag)
{
    public static ConfigurationResponse From(SavedConfiguration saved)
    {
        var c = saved.Configuration;
        return new(saved.Id, c.Name, c.Keywords, c.KeywordRandom, c.KeywordsFormat, c.SystemPrompt, c.QualityCheckPrompt,
            c.MetadataPrompt, c.Parameters, c.Processing, c.Ai, saved.CreatedAt, saved.UpdatedAt, saved.ETag);
    }
}
