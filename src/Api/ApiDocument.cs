using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.OpenApi;

namespace GenImageFactory.Api;

/// <summary>
/// The API's OpenAPI document for a host whose routes are not ASP.NET Core endpoints (the Functions app):
/// the generator the Server's <c>MapOpenApi</c> runs (Microsoft.AspNetCore.OpenApi over ApiExplorer), fed
/// the same route table inside a private app that is built but never started. Binding sources are inferred
/// from the services a handler's parameters are (a service is neither query nor body), so every parameter
/// type that is a service in the calling host is one there too, forwarded to the host (only the framework
/// ever resolves one: TimeProvider): the document comes out as the Server's. Built once per process.
/// </summary>
public sealed class ApiDocument(IServiceProvider hostServices)
{
    /// <summary>Where both hosts serve it.</summary>
    public const string Route = "api/openapi.json";
    public const string FunctionName = "GetOpenApiDocument";
    public const string Title = "Gen Image Factory API";
    public const string DocumentName = "v1";

    private readonly Lazy<Task<string>> _json = new(() => BuildJsonAsync(hostServices));

    /// <summary>The document as OpenAPI 3.1 JSON, as the Server serves it.</summary>
    public Task<string> GetJsonAsync() => _json.Value;

    /// <summary>
    /// The document with the address <paramref name="request"/> came to as its server, which the Server's
    /// generator adds from its own request (built without one, the document has none).
    /// </summary>
    public async Task<string> GetJsonAsync(HttpRequest request)
    {
        var document = JsonNode.Parse(await GetJsonAsync())!.AsObject();
        document["servers"] = new JsonArray(new JsonObject { ["url"] = $"{request.Scheme}://{request.Host}{request.PathBase}".TrimEnd('/') });
        return document.ToJsonString(Indented);
    }

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static async Task<string> BuildJsonAsync(IServiceProvider hostServices, CancellationToken cancellationToken = default)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        // A WebApplication needs a server to be built; this one is never started.
        builder.WebHost.UseKestrelCore();
        builder.Services.AddRouting().AddApi();
        foreach (var type in ServiceParameterTypes(hostServices))
        {
            builder.Services.TryAddSingleton(type, _ => hostServices.GetRequiredService(type));
        }
        // ApiExplorer reads the endpoints from this service; a started app would link it to the app's own.
        IEndpointRouteBuilder? routes = null;
        builder.Services.AddSingleton<EndpointDataSource>(_ => new CompositeEndpointDataSource(routes!.DataSources));
        await using var app = builder.Build();
        routes = app.MapApiRoutes();
        var provider = app.Services.GetRequiredKeyedService<IOpenApiDocumentProvider>(DocumentName);
        var document = await provider.GetOpenApiDocumentAsync(cancellationToken);
        return await document.SerializeAsJsonAsync(OpenApiSpecVersion.OpenApi3_1, cancellationToken);
    }

    /// <summary>Closed parameter types of the handlers that the host resolves as services (enumerables are built in).</summary>
    private static IEnumerable<Type> ServiceParameterTypes(IServiceProvider hostServices) =>
        ApiRoutes.All
            .SelectMany(route => route.Handler.Method.GetParameters())
            .Select(parameter => parameter.ParameterType)
            .Where(type => !type.IsGenericType || type.GetGenericTypeDefinition() != typeof(IEnumerable<>))
            .Distinct()
            .Where(hostServices.GetRequiredService<IServiceProviderIsService>().IsService);
}
