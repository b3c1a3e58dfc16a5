using GenImageFactory.Domain.Configuration;
using GenImageFactory.Domain.Jobs;
using GenImageFactory.Pipeline.Models;
using GenImageFactory.Pipeline.Ports;

namespace GenImageFactory.Pipeline.Images;

/// <summary>The verdict on one image, and its metadata (or why there is none).</summary>
/// <param name="ProcessingNotes">What post-processing could not do as asked (the image is kept as it was).</param>
public sealed record ImageReview(string ImageId, string QcStatus, string QcReason, ImageMetadata? Metadata, string? MetadataProblem, IReadOnlyList<string>? ProcessingNotes = null);

/// <summary>
/// Quality check (when on), then metadata for approved images (all images when the check is off).
/// A check that cannot be made fails the image — it is never approved by accident.
/// </summary>
public sealed class ImageReviewer(IQualityChecker checker, IMetadataWriter metadataWriter)
{
    public const string AutoApproved = "Auto-approved (quality check disabled)";

    /// <param name="writeMetadata">False keeps the metadata an image has (a retry that does not regenerate it).</param>
    /// <exception cref="AiAccountRefusedException">No step can run until the account is put right.</exception>
    public async Task<ImageReview> ReviewAsync(string imageId, ImageUnderReview image, JobConfiguration configuration, bool writeMetadata = true)
    {
        var model = configuration.Parameters.OpenaiModel;
        var (status, reason) = (ImageQcStatus.Approved, AutoApproved);
        if (configuration.Ai.RunQualityCheck)
        {
            try
            {
                var verdict = await checker.CheckAsync(image, model, configuration.QualityCheckPrompt, CancellationToken.None);
                (status, reason) = (verdict.Passed ? ImageQcStatus.Approved : ImageQcStatus.QcFailed, verdict.Reason);
            }
            catch (AiUnavailableException ex)
            {
                (status, reason) = (ImageQcStatus.QcFailed, $"quality check unavailable: {ex.Message}");
            }
        }

        if (!writeMetadata || !configuration.Ai.RunMetadataGen || status != ImageQcStatus.Approved)
        {
            return new ImageReview(imageId, status, reason, null, null);
        }
        try
        {
            return new ImageReview(imageId, status, reason, await metadataWriter.WriteAsync(image, model, configuration.MetadataPrompt, CancellationToken.None), null);
        }
        catch (AiUnavailableException ex)
        {
            return new ImageReview(imageId, status, reason, null, ex.Message);
        }
    }
}
