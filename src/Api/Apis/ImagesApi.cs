using GenImageFactory.Api.Contracts;
using GenImageFactory.Api.Images;
using GenImageFactory.Domain.Configuration;
using GenImageFactory.Pipeline.Models;
using GenImageFactory.Domain.Jobs;
using GenImageFactory.Pipeline.Ports;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace GenImageFactory.Api.Apis;

/// <summary>Images by mapping id. The id is parsed, never used as a path: the blob name comes from the stored record.</summary>
public static class ImagesApi
{
    public static RouteGroupBuilder MapImagesApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/images").WithTags("Images");
        group.MapGet("/", ListImagesAsync).WithName("ListImages").WithSummary("Images across jobs, newest first: the gallery (approved, the default) or a review list (qcStatus=qc_failed, ...).");
        group.MapPost("/{id}/approve", ApproveAsync).WithName("ApproveImage").WithSummary("Approve an image in review (it moves to the gallery).");
        group.MapPost("/{id}/reject", RejectAsync).WithName("RejectImage").WithSummary("Reject an image.");
        group.MapDelete("/{id}", DeleteImageAsync).WithName("DeleteImage").WithSummary("Delete an image: record, index and blob.");
        group.MapGet("/{id}", GetImageAsync).WithName("GetImage").WithSummary("One image record.");
        group.MapGet("/{id}/content", GetImageContentAsync).WithName("GetImageContent").WithSummary("Streams the image.");
        return group;
    }

    public static async Task<Results<Ok<ImageResponse>, ValidationProblem, ProblemHttpResult>> GetImageAsync(
        string id, IImageRecordStore images, ApiLinks links, CancellationToken cancellationToken)
    {
        if (!ImageMappingId.TryParse(id, out var jobId, out _, out _))
        {
            return ApiProblems.Invalid("id", "Is not an image id.");
        }
        var image = await images.GetAsync(jobId, id, cancellationToken);
        return image is null ? ApiProblems.NotFound($"Image '{id}'") : TypedResults.Ok(ImageResponse.From(image, links));
    }

    public static async Task<Results<Ok<ListResponse<ImageResponse>>, ValidationProblem>> ListImagesAsync(
        string? qcStatus, string? jobId, string? q, string? limit, string? continuation,
        IImageIndex index, IImageRecordStore images, ApiLinks links, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        if (qcStatus is not null && !ImageQcStatus.All.Contains(qcStatus))
        {
            errors.Add("qcStatus", $"Must be one of: {string.Join(", ", ImageQcStatus.All)}.");
        }
        if (jobId is not null && !JobId.IsValid(jobId))
        {
            errors.Add("jobId", "Is not a job id.");
        }
        var pageSize = Paging.ReadLimit(limit, errors);
        if (!errors.IsEmpty)
        {
            return ApiProblems.Invalid(errors);
        }

        try
        {
            Page<ImageRecord> page;
            if (jobId is not null)
            {
                page = await images.ListByJobAsync(jobId, qcStatus, pageSize, continuation, cancellationToken);
            }
            else
            {
                var ids = await index.ListAsync(qcStatus ?? ImageQcStatus.Approved, pageSize, continuation, cancellationToken);
                var records = await Task.WhenAll(ids.Items.Select(i => images.GetAsync(i.JobId, i.ImageId, cancellationToken)));
                page = new Page<ImageRecord>(records.OfType<ImageRecord>().ToList(), ids.Continuation);
            }
            var items = page.Items.Where(i => Matches(i, q)).Select(i => ImageResponse.From(i, links)).ToList();
            return TypedResults.Ok(new ListResponse<ImageResponse>(items, page.Continuation));
        }
        catch (ArgumentException ex)
        {
            return ApiProblems.Invalid("continuation", ex.Message);
        }
    }

    public static Task<Results<Ok<ImageResponse>, ValidationProblem, ProblemHttpResult>> ApproveAsync(
        string id, IImageRecordStore images, ImageReviewActions review, ApiLinks links, CancellationToken cancellationToken) =>
        SetStatusAsync(id, ImageQcStatus.Approved, ImageReviewActions.ApprovedManually, images, review, links, cancellationToken);

    public static Task<Results<Ok<ImageResponse>, ValidationProblem, ProblemHttpResult>> RejectAsync(
        string id, IImageRecordStore images, ImageReviewActions review, ApiLinks links, CancellationToken cancellationToken) =>
        SetStatusAsync(id, ImageQcStatus.QcFailed, ImageReviewActions.RejectedManually, images, review, links, cancellationToken);

    public static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> DeleteImageAsync(
        string id, IImageRecordStore images, ImageReviewActions review, CancellationToken cancellationToken)
    {
        if (!ImageMappingId.TryParse(id, out var jobId, out _, out _))
        {
            return ApiProblems.Invalid("id", "Is not an image id.");
        }
        var image = await images.GetAsync(jobId, id, cancellationToken);
        if (image is null)
        {
            return ApiProblems.NotFound($"Image '{id}'");
        }
        await review.DeleteAsync(image, cancellationToken);
        return TypedResults.NoContent();
    }

    private static async Task<Results<Ok<ImageResponse>, ValidationProblem, ProblemHttpResult>> SetStatusAsync(
        string id, string qcStatus, string reason, IImageRecordStore images, ImageReviewActions review, ApiLinks links, CancellationToken cancellationToken)
    {
        if (!ImageMappingId.TryParse(id, out var jobId, out _, out _))
        {
            return ApiProblems.Invalid("id", "Is not an image id.");
        }
        var image = await images.GetAsync(jobId, id, cancellationToken);
        if (image is null)
        {
            return ApiProblems.NotFound($"Image '{id}'");
        }
        return TypedResults.Ok(ImageResponse.From(await review.SetStatusAsync(image, qcStatus, reason, cancellationToken), links));
    }

    /// <summary>Search: the words of <paramref name="q"/> all appear in the prompt, title, description or tags.</summary>
    private static bool Matches(ImageRecord image, string? q)
    {
        if (string.IsNullOrWhiteSpace(q))
        {
            return true;
        }
        var text = string.Join(' ', [image.Prompt, image.Metadata?.Title, image.Metadata?.Description, .. image.Metadata?.Tags ?? []]);
        return q.Split(' ', StringSplitOptions.RemoveEmptyEntries).All(word => text.Contains(word, StringComparison.OrdinalIgnoreCase));
    }

    public static async Task<Results<FileStreamHttpResult, ValidationProblem, ProblemHttpResult>> GetImageContentAsync(
        string id, IImageRecordStore images, IImageBlobStore blobs, CancellationToken cancellationToken)
    {
        if (!ImageMappingId.TryParse(id, out var jobId, out _, out _))
        {
            return ApiProblems.Invalid("id", "Is not an image id.");
        }
        var image = await images.GetAsync(jobId, id, cancellationToken);
        var content = image is null ? null : await blobs.OpenReadAsync(image.FinalBlob, cancellationToken);
        if (content is null)
        {
            return ApiProblems.NotFound($"Image '{id}'");
        }
        return TypedResults.Stream(content.Content, content.ContentType, fileDownloadName: $"{id}.{Extension(content.ContentType)}");
    }

    private static string Extension(string contentType) => contentType switch
    {
        "image/jpeg" => "jpg",
        "image/webp" => "webp",
        "image/gif" => "gif",
        _ => "png",
    };
}
