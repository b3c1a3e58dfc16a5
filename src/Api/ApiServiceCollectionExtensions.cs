using GenImageFactory.Api.Apis;
using GenImageFactory.Api.Contracts;
using GenImageFactory.Api.Exports;
using GenImageFactory.Api.Images;
using GenImageFactory.Api.Jobs;
using Microsoft.Extensions.DependencyInjection;

namespace GenImageFactory.Api;

public static class ApiServiceCollectionExtensions
{
    public static IServiceCollection AddApi(this IServiceCollection services)
    {
        services.AddProblemDetails();
        services.AddOpenApi();
        services.AddHttpContextAccessor();
        services.AddSingleton<ApiLinks>();
        services.AddTransient<ImageReviewActions>();
        services.AddTransient<ImageSearch>();
        services.AddTransient<GalleryArchive>();
        services.AddTransient<JobsArchive>();
        services.AddTransient<JobDeletion>();
        return services;
    }

    /// <summary>Every API route; both hosts map exactly this.</summary>
    public static IEndpointRouteBuilder MapApi(this IEndpointRouteBuilder app)
    {
        app.MapOpenApi("/api/openapi.json");
        app.MapHealthApi();
        app.MapConfigurationsApi();
        app.MapJobsApi();
        app.MapJobActionsApi();
        app.MapStatsApi();
        app.MapEstimateApi();
        app.MapOperationsApi();
        app.MapImagesApi();
        app.MapImageRetryApi();
        app.MapExportsApi();
        app.MapSchedulesApi();
        return app;
    }
}
