using System.Collections.Concurrent;
using Microsoft.AspNetCore.Routing.Patterns;

namespace GenImageFactory.Api;

/// <summary>
/// Runs a route of <see cref="ApiRoutes"/> outside endpoint routing (a Functions HTTP trigger has already
/// matched it): the handler is bound by ASP.NET Core's own <see cref="RequestDelegateFactory"/> (route
/// values, query, body, services), as the Server's minimal APIs bind it, and writes its result to the
/// context's response.
/// </summary>
public sealed class ApiRouteHandlers(IServiceProvider services)
{
    private readonly ConcurrentDictionary<string, RequestDelegate> _handlers = new(StringComparer.Ordinal);

    /// <param name="bindingData">Where the host keeps the matched route's values (looked up by parameter name).</param>
    public Task InvokeAsync(string routeName, HttpContext http, IReadOnlyDictionary<string, object?> bindingData)
    {
        var route = ApiRoutes.Named(routeName);
        foreach (var name in RouteParameters(route))
        {
            if (bindingData.TryGetValue(name, out var value))
            {
                http.Request.RouteValues[name] = value?.ToString();
            }
        }
        var handler = _handlers.GetOrAdd(routeName, _ => RequestDelegateFactory.Create(route.Handler, new RequestDelegateFactoryOptions
        {
            ServiceProvider = services,
            RouteParameterNames = RouteParameters(route),
        }).RequestDelegate);
        return handler(http);
    }

    /// <summary>The parameter names of the route's pattern, parsed as ASP.NET Core parses it (constraints included).</summary>
    private static string[] RouteParameters(ApiRoute route) =>
        RoutePatternFactory.Parse(route.Pattern).Parameters.Select(p => p.Name).ToArray();
}
