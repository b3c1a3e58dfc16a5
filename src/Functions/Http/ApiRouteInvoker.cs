using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using GenImageFactory.Api;
using GenImageFactory.Functions.Durable;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;

namespace GenImageFactory.Functions.Http;

/// <summary>
/// Runs a route of <see cref="ApiRoutes"/> inside its HTTP trigger: the handler is bound by ASP.NET Core's
/// own <see cref="RequestDelegateFactory"/> (route values, query, body, services), exactly as the Server's
/// minimal APIs bind it, and writes its result to the invocation's <see cref="HttpContext"/>.
/// </summary>
public sealed partial class ApiRouteInvoker(IServiceProvider services)
{
    private readonly ConcurrentDictionary<string, RequestDelegate> _handlers = new(StringComparer.Ordinal);

    [GeneratedRegex(@"\{(?<name>[A-Za-z]+)\}")]
    private static partial Regex RouteParameter();

    /// <returns>An empty action result: the handler has written the response already.</returns>
    public async Task<IActionResult> InvokeAsync(string routeName, HttpRequest request, DurableTaskClient client, FunctionContext context)
    {
        var route = ApiRoutes.Named(routeName);
        var http = request.HttpContext;
        http.RequestServices = context.InstanceServices;
        context.InstanceServices.GetRequiredService<DurableClientScope>().Client = client;
        foreach (var name in RouteParameters(route))
        {
            if (context.BindingContext.BindingData.TryGetValue(name, out var value))
            {
                http.Request.RouteValues[name] = value?.ToString();
            }
        }
        var handler = _handlers.GetOrAdd(routeName, _ => RequestDelegateFactory.Create(route.Handler, new RequestDelegateFactoryOptions
        {
            ServiceProvider = services,
            RouteParameterNames = RouteParameters(route),
        }).RequestDelegate);
        await handler(http);
        return new EmptyResult();
    }

    private static string[] RouteParameters(ApiRoute route) =>
        RouteParameter().Matches(route.Pattern).Select(m => m.Groups["name"].Value).ToArray();
}
