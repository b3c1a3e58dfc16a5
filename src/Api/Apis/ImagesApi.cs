using GenImageFactory.Api.Contracts;
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
