using Microsoft.AspNetCore.Mvc.ApiExplorer;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace GenImageFactory.Api;

/// <summary>
/// Tells ApiExplorer, and so the OpenAPI document, the JSON body each route reads (<see cref="ApiRoute.Body"/>).
/// The handlers take the raw request and read their bodies themselves (their own 400s, size limits and checks),
/// so ApiExplorer cannot infer one; this adds it to the route's description only: endpoints, routing and
/// binding are untouched, so no request is answered differently.
/// </summary>
internal sealed class ApiRequestBodies : IApiDescriptionProvider
{
    /// <summary>After the provider that describes minimal-API endpoints (order -1100).</summary>
    public int Order => -1000;

    public void OnProvidersExecuting(ApiDescriptionProviderContext context)
    {
    }

    public void OnProvidersExecuted(ApiDescriptionProviderContext context)
    {
        foreach (var description in context.Results)
        {
            var name = description.ActionDescriptor.EndpointMetadata.OfType<IEndpointNameMetadata>().LastOrDefault()?.EndpointName;
            if (ApiRoutes.All.FirstOrDefault(r => r.Name == name) is not { Body: { } body } route
                || description.ParameterDescriptions.Any(p => p.Source == BindingSource.Body))
            {
                continue;
            }
            description.ParameterDescriptions.Add(new ApiParameterDescription
            {
                Name = "body",
                Source = BindingSource.Body,
                Type = body,
                IsRequired = route.BodyRequired,
            });
            description.SupportedRequestFormats.Add(new ApiRequestFormat { MediaType = "application/json" });
        }
    }
}
