using GenImageFactory.Api.Apis;
using GenImageFactory.Api.Contracts;
using GenImageFactory.Api.Exports;
using GenImageFactory.Api.Images;
using GenImageFactory.Pipeline.Jobs;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ApiExplorer;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace GenImageFactory.Api;

public static class ApiServiceCollectionExtensions
{
    public static IServiceCollection AddApi(this IServiceCollection services)
    {
        services.AddProblemDetails();
        // One title in every host (the default is the host's assembly name), so both serve one document.
        services.AddOpenApi(ApiDocument.DocumentName, options => options.AddApiConventions());
        services.TryAddEnumerable(ServiceDescriptor.Transient<IApiDescriptionProvider, ApiRequestBodies>());
        services.AddSingleton<ApiDocument>();
        services.AddHttpContextAccessor();
        services.AddSingleton<ApiLinks>();
        services.AddSingleton<ApiRouteHandlers>();
        services.AddTransient<ImageReviewActions>();
        services.AddTransient<ImageSearch>();
        services.AddTransient<GalleryArchive>();
        services.AddTransient<JobsArchive>();
        // Its own cache, bounded: the host's shared one (if any) keeps its own limits.
        services.AddSingleton(new ProviderCallsSeen(new Microsoft.Extensions.Caching.Memory.MemoryCache(
            new Microsoft.Extensions.Caching.Memory.MemoryCacheOptions { SizeLimit = ProviderCallsSeen.MaxRemembered })));
        return services;
    }

    /// <summary>Every API route of <see cref="ApiRoutes"/>, and the OpenAPI document describing them (Server).</summary>
    public static IEndpointRouteBuilder MapApi(this IEndpointRouteBuilder app)
    {
        app.MapOpenApi("/" + ApiDocument.Route);
        return app.MapApiRoutes();
    }

    /// <summary>The route table as minimal-API endpoints: what the Server serves and what the OpenAPI document describes.</summary>
    internal static IEndpointRouteBuilder MapApiRoutes(this IEndpointRouteBuilder app)
    {
        foreach (var route in ApiRoutes.All)
        {
            var endpoint = app.MapMethods(route.Pattern, [route.Method], route.Handler)
                .WithName(route.Name)
                .WithTags(route.Tag)
                .WithSummary(route.Summary)
                .WithMetadata(new RequestSizeLimitAttribute(route.MaxBodyBytes));
            if (route.Anonymous)
            {
                // What the Server's key check reads (ApiKeyAuthentication), so the route table alone says which routes need no key.
                endpoint.AllowAnonymous();
            }
        }
        return app;
    }
}
