using GenImageFactory.Api;
using GenImageFactory.Functions.Durable;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;

namespace GenImageFactory.Functions.Http;

/// <summary>Runs a route of <see cref="ApiRoutes"/> inside its HTTP trigger, with the invocation's services and durable client.</summary>
public sealed class ApiRouteInvoker(ApiRouteHandlers handlers)
{
    /// <returns>An empty action result: the handler has written the response already.</returns>
    public async Task<IActionResult> InvokeAsync(string routeName, HttpRequest request, DurableTaskClient client, FunctionContext context)
    {
        var http = request.HttpContext;
        http.RequestServices = context.InstanceServices;
        context.InstanceServices.GetRequiredService<DurableClientScope>().Client = client;
        await handlers.InvokeAsync(routeName, http, context.BindingContext.BindingData);
        return new EmptyResult();
    }
}
