using System.Collections.Concurrent;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;

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
        return RunAsync(handler, http);
    }

    /// <summary>
    /// The host has no exception handler middleware around a trigger: the handlers registered for the Server's
    /// (<see cref="IExceptionHandler"/>, e.g. storage that is down answering 503) get their turn here; anything else
    /// fails the invocation, which the Functions host answers 500.
    /// </summary>
    private static async Task RunAsync(RequestDelegate handler, HttpContext http)
    {
        try
        {
            await handler(http);
        }
        catch (Exception ex) when (!http.Response.HasStarted && !http.RequestAborted.IsCancellationRequested)
        {
            foreach (var exceptionHandler in http.RequestServices.GetServices<IExceptionHandler>())
            {
                if (await exceptionHandler.TryHandleAsync(http, ex, http.RequestAborted))
                {
                    return;
                }
            }
            throw;
        }
    }

    /// <summary>The parameter names of the route's pattern, parsed as ASP.NET Core parses it (constraints included).</summary>
    private static string[] RouteParameters(ApiRoute route) =>
        RoutePatternFactory.Parse(route.Pattern).Parameters.Select(p => p.Name).ToArray();
}
