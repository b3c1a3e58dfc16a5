using GenImageFactory.Api.Contracts;
using GenImageFactory.Api.Images;
using GenImageFactory.Domain.Jobs;
using GenImageFactory.Pipeline.Models;

namespace GenImageFactory.Api.Apis;

/// <summary>Images by mapping id. The id is parsed, never used as a path: the blob name comes from the stored record.</summary>
public static class ImagesApi
{
    /// <summary>This API's part of the route table both hosts map (<see cref="ApiRoutes"/>).</summary>
    public static IEnumerable<ApiRoute> Routes =>
    [
        new(RouteNames.ListImages, "GET", "/api/images", ListImagesAsync, "Images", "Images across jobs, newest first: the gallery (approved, the default) or a review list (qcStatus=qc_failed, ...)."),
        new(RouteNames.ApproveImage, "POST", "/api/images/" + RouteIds.Image + "/approve", ApproveAsync, "Images", "Approve an image in review (it moves to the gallery)."),
        new(RouteNames.RejectImage, "POST", "/api/images/" + RouteIds.Image + "/reject", RejectAsync, "Images", "Reject an image."),
        new(RouteNames.DeleteImage, "DELETE", "/api/images/" + RouteIds.Image, DeleteImageAsync, "Images", "Delete an image: record, index and blob."),
        new(RouteNames.GetImage, "GET", "/api/images/" + RouteIds.Image, GetImageAsync, "Images", "One image record."),
        new(RouteNames.GetImageContent, "GET", "/api/images/" + RouteIds.Image + "/content", GetImageContentAsync, "Images", "Streams the image."),
    ];

    public static Task<Results<Ok<ImageResponse>, ValidationProblem, ProblemHttpResult>> GetImageAsync(
        string id, IImageRecordStore images, ApiLinks links, CancellationToken cancellationToken) =>
        ApiLookups.WithImageAsync(id, images, image => Task.FromResult(TypedResults.Ok(ImageResponse.From(image, links))), cancellationToken);

    public static async Task<Results<Ok<ListResponse<ImageResponse>>, ValidationProblem>> ListImagesAsync(
        string? qcStatus, string? jobId, string? q, string? limit, string? continuation,
        ImageSearch search, ApiLinks links, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var filter = ImageFilter.Read(qcStatus, jobId, q, defaultStatus: null, errors);
        var pageSize = Paging.ReadLimit(limit, errors);
        if (!errors.IsEmpty)
        {
            return ApiProblems.Invalid(errors);
        }
        try
        {
            var page = await search.PageAsync(filter, pageSize, continuation, cancellationToken);
            return TypedResults.Ok(new ListResponse<ImageResponse>(page.Items.Select(i => ImageResponse.From(i, links)).ToList(), page.Continuation));
        }
        catch (ArgumentException ex)
        {
            return ApiProblems.Invalid("continuation", ex.Message);
        }
    }

    public static Task<Results<Results<Ok<ImageResponse>, ProblemHttpResult>, ValidationProblem, ProblemHttpResult>> ApproveAsync(
        string id, IImageRecordStore images, ImageReviewActions review, ApiLinks links, CancellationToken cancellationToken) =>
        SetStatusAsync(id, ImageQcStatus.Approved, ImageReviewActions.ApprovedManually, images, review, links, cancellationToken);

    public static Task<Results<Results<Ok<ImageResponse>, ProblemHttpResult>, ValidationProblem, ProblemHttpResult>> RejectAsync(
        string id, IImageRecordStore images, ImageReviewActions review, ApiLinks links, CancellationToken cancellationToken) =>
        SetStatusAsync(id, ImageQcStatus.QcFailed, ImageReviewActions.RejectedManually, images, review, links, cancellationToken);

    public static Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> DeleteImageAsync(
        string id, IImageRecordStore images, ImageReviewActions review, CancellationToken cancellationToken) =>
        ApiLookups.WithImageAsync(id, images, async image =>
        {
            await review.DeleteAsync(image, cancellationToken);
            return TypedResults.NoContent();
        }, cancellationToken);

    public static async Task<Results<FileStreamHttpResult, ValidationProblem, ProblemHttpResult>> GetImageContentAsync(
        string id, IImageRecordStore images, IImageBlobStore blobs, CancellationToken cancellationToken)
    {
        if (ApiLookups.InvalidImageId(id, out var jobId) is { } invalid)
        {
            return invalid;
        }
        var image = await images.GetAsync(jobId, id, cancellationToken);
        var content = image is null ? null : await blobs.OpenReadAsync(image.FinalBlob, cancellationToken);
        if (content is null)
        {
            return ApiLookups.ImageNotFound(id);
        }
        return TypedResults.Stream(content.Content, content.ContentType, fileDownloadName: ImageBlobNames.DownloadName(image!));
    }

    /// <summary>A user's verdict on an image; 404 too when the image went between the lookup and the write.</summary>
    private static Task<Results<Results<Ok<ImageResponse>, ProblemHttpResult>, ValidationProblem, ProblemHttpResult>> SetStatusAsync(
        string id, string status, string reason, IImageRecordStore images, ImageReviewActions review, ApiLinks links, CancellationToken cancellationToken) =>
        ApiLookups.WithImageAsync<Results<Ok<ImageResponse>, ProblemHttpResult>>(id, images, async image =>
            await review.SetStatusAsync(image, status, reason, cancellationToken) is { } updated
                ? TypedResults.Ok(ImageResponse.From(updated, links))
                : ApiLookups.ImageNotFound(id),
            cancellationToken);
}
