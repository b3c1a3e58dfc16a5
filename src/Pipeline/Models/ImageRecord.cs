namespace GenImageFactory.Pipeline.Models;

/// <summary>One generated image; its id is the deterministic mapping id.</summary>
public sealed record ImageRecord
{
    public required string Id { get; init; }
    public required string JobId { get; init; }
    public required int GenerationIndex { get; init; }
    public required int ImageIndex { get; init; }
    public required string Prompt { get; init; }
    public required string AspectRatio { get; init; }
    public required int Width { get; init; }
    public required int Height { get; init; }
    public required string ContentType { get; init; }
    public required string QcStatus { get; init; }
    public string? QcReason { get; init; }
    public ImageMetadata? Metadata { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    /// <summary>Blob name of the image as generated.</summary>
    public required string OriginalBlob { get; init; }
    /// <summary>Blob name of the image to serve (the original until post-processing writes another).</summary>
    public required string FinalBlob { get; init; }

    /// <summary>The retry operation that holds the image while it is <c>retry_pending</c> or <c>processing</c>; null otherwise.</summary>
    public string? RetryOperation { get; init; }

    /// <summary>The stored version this record was read at (null for one not read from storage): a conditional write's If-Match.</summary>
    public string? ETag { get; init; }
}

public sealed record ImageMetadata(string Title, string Description, IReadOnlyList<string> Tags);
