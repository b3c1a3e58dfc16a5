using GenImageFactory.Pipeline.Models;

namespace GenImageFactory.Api.Contracts;

/// <summary>The Job resource; <c>spend</c> is what the provider reported (USD), beside <c>estimatedCost</c>.</summary>
public sealed record JobResponse(
    string Id,
    string Label,
    string Status,
    string Phase,
    int Progress,
    string? ConfigurationId,
    JobConfiguration Configuration,
    string? RerunOf,
    int TotalGenerations,
    int FailedGenerations,
    int TotalImages,
    int ApprovedImages,
    int FailedImages,
    DateTimeOffset CreatedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? CompletedAt,
    string? ErrorMessage,
    IReadOnlyList<GenerationFailure> GenerationFailures,
    string ImagesUrl,
    decimal Spend,
    decimal ProviderCredits,
    decimal? EstimatedCost)
{
    public static JobResponse From(JobRecord job, ApiLinks links) => new(
        job.Id, job.Label, job.Status, job.Phase, job.Progress, job.ConfigurationId, job.Configuration, job.RerunOf,
        job.TotalGenerations, job.FailedGenerations, job.TotalImages, job.ApprovedImages, job.FailedImages,
        job.CreatedAt, job.StartedAt, job.CompletedAt, job.ErrorMessage, job.GenerationFailures,
        links.JobImages(job.Id), job.Spend, job.ProviderCredits, job.EstimatedCost);
}

/// <summary>The image resource of the HTTP API.</summary>
public sealed record ImageResponse(
    string Id,
    string JobId,
    int GenerationIndex,
    int ImageIndex,
    string Prompt,
    string AspectRatio,
    int Width,
    int Height,
    string ContentType,
    string QcStatus,
    string? QcReason,
    ImageMetadata? Metadata,
    DateTimeOffset CreatedAt,
    string ContentUrl)
{
    public static ImageResponse From(ImageRecord image, ApiLinks links) => new(
        image.Id, image.JobId, image.GenerationIndex, image.ImageIndex, image.Prompt, image.AspectRatio,
        image.Width, image.Height, image.ContentType, image.QcStatus, image.QcReason, image.Metadata,
        image.CreatedAt, links.ImageContent(image.Id));
}

/// <summary>Lists: <c>{"items": [...], "continuation": "..."}</c>.</summary>
public sealed record ListResponse<T>(IReadOnlyList<T> Items, string? Continuation);

/// <summary>The body of a 202: the new job and where to watch it.</summary>
public sealed record StartedResponse(string Id, string StatusUrl);
