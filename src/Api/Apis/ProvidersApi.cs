using GenImageFactory.Api.Contracts;

namespace GenImageFactory.Api.Apis;

/// <summary><c>GET /api/providers</c>: which external services this host calls, and whether it has a key (never the key).</summary>
public static class ProvidersApi
{
    public static IEnumerable<ApiRoute> Routes =>
    [
        new(RouteNames.ListProviders, "GET", "/api/providers", ListProviders, "Settings", "The providers this host is configured for: endpoint and whether a key is set (never the key)."),
    ];

    public static Ok<ListResponse<ProviderInfo>> ListProviders(IProviderCatalog catalog) =>
        TypedResults.Ok(new ListResponse<ProviderInfo>(catalog.List(), null));
}
