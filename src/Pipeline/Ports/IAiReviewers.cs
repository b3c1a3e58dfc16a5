using GenImageFactory.Pipeline.Models;

namespace GenImageFactory.Pipeline.Ports;

/// <summary>An image and what it was asked for, as the model-driven steps see it.</summary>
public sealed record ImageUnderReview(ReadOnlyMemory<byte> Content, string ContentType, string Prompt, string AspectRatio);

/// <summary>Pass/fail and a human-readable reason; no score.</summary>
public sealed record QualityVerdict(bool Passed, string Reason);

/// <summary>Writes the prompt of one generation from its filled template.</summary>
public interface IPromptWriter
{
    /// <exception cref="AiAccountRefusedException">The account cannot be used: no quota left, or its key or model refused.</exception>
    /// <exception cref="AiUnavailableException">The model could not give a usable answer.</exception>
    Task<string> WriteAsync(string draft, string model, CancellationToken cancellationToken);
}

/// <summary>Looks at an image for what stock sites reject.</summary>
public interface IQualityChecker
{
    /// <inheritdoc cref="IPromptWriter.WriteAsync"/>
    Task<QualityVerdict> CheckAsync(ImageUnderReview image, string model, string? instructions, CancellationToken cancellationToken);
}

/// <summary>Writes title, description and tags for an image.</summary>
public interface IMetadataWriter
{
    /// <inheritdoc cref="IPromptWriter.WriteAsync"/>
    Task<ImageMetadata> WriteAsync(ImageUnderReview image, string model, string? instructions, CancellationToken cancellationToken);
}

/// <summary>
/// The model provider refuses the account (its quota exhausted, the key wrong, the model or endpoint not there): no
/// call will work until an operator acts, so the job fails fast with the reason.
/// </summary>
public sealed class AiAccountRefusedException(string message) : Exception(message);

/// <summary>The model gave no usable answer after retries (errors, or output that breaks the rules).</summary>
public sealed class AiUnavailableException(string message, Exception? inner = null) : Exception(message, inner);
