using System.Text.Json;
using GenImageFactory.Domain.Images;
using GenImageFactory.Pipeline.Models;
using GenImageFactory.Pipeline.Ports;
using OpenAI.Chat;

namespace GenImageFactory.Infrastructure.OpenAi;

/// <summary>Prompt writing, vision quality check and metadata on an OpenAI-compatible chat model.</summary>
public sealed class OpenAiReviewers(OpenAiJsonChat chat) : IPromptWriter, IQualityChecker, IMetadataWriter
{
    public const string PromptSchemaName = "generation_prompt";
    public const string QualitySchemaName = "quality_check";
    public const string MetadataSchemaName = "image_metadata";

    public Task<string> WriteAsync(string draft, string model, CancellationToken cancellationToken) =>
        chat.CompleteAsync<string>(model, DefaultInstructions.PromptWriter, [ChatMessageContentPart.CreateTextPart(draft)],
            PromptSchemaName, Schemas.Prompt,
            json => json.GetProperty("prompt").GetString() is { Length: > 0 } prompt ? (prompt.Trim(), (string?)null) : (null, "the prompt was empty"),
            cancellationToken);

    public Task<QualityVerdict> CheckAsync(ImageUnderReview image, string model, string? instructions, CancellationToken cancellationToken) =>
        chat.CompleteAsync<QualityVerdict>(model, instructions ?? DefaultInstructions.QualityCheck,
            [ChatMessageContentPart.CreateTextPart($"Prompt: {image.Prompt}\nRequested aspect ratio: {image.AspectRatio}"), ImagePart(image)],
            QualitySchemaName, Schemas.Quality,
            json => json.GetProperty("reason").GetString() is { Length: > 0 } reason
                ? (new QualityVerdict(json.GetProperty("passed").GetBoolean(), reason.Trim()), null)
                : (null, "the verdict had no reason"),
            cancellationToken);

    public Task<ImageMetadata> WriteAsync(ImageUnderReview image, string model, string? instructions, CancellationToken cancellationToken) =>
        chat.CompleteAsync<ImageMetadata>(model, instructions ?? DefaultInstructions.Metadata,
            [ChatMessageContentPart.CreateTextPart($"Prompt: {image.Prompt}"), ImagePart(image)],
            MetadataSchemaName, Schemas.Metadata,
            ReadMetadata,
            cancellationToken);

    private static (ImageMetadata? Value, string? Error) ReadMetadata(JsonElement json)
    {
        var tags = json.GetProperty("tags").EnumerateArray().Select(t => t.GetString());
        var repaired = MetadataRules.Repair(json.GetProperty("title").GetString(), json.GetProperty("description").GetString(), tags, out var problems);
        return repaired is { } m
            ? (new ImageMetadata(m.Title, m.Description, m.Tags), null)
            : (null, string.Join("; ", problems));
    }

    private static ChatMessageContentPart ImagePart(ImageUnderReview image) =>
        ChatMessageContentPart.CreateImagePart(BinaryData.FromBytes(image.Content), image.ContentType, ChatImageDetailLevel.Low);
}
