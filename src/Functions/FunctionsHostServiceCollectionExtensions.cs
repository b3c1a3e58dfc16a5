using GenImageFactory.Functions.Durable;
using GenImageFactory.Functions.Http;
using GenImageFactory.Pipeline.Ports;
using Microsoft.Extensions.DependencyInjection;

namespace GenImageFactory.Functions;

public static class FunctionsHostServiceCollectionExtensions
{
    /// <summary>What the Functions host adds to the shared services: the durable client port and the route invoker.</summary>
    public static IServiceCollection AddFunctionsHost(this IServiceCollection services)
    {
        services.AddScoped<DurableClientScope>();
        services.AddScoped<IWorkflowClient, DurableClientWorkflow>();
        services.AddSingleton<ApiRouteInvoker>();
        // No durable worker check: the Functions host runs that worker itself (storage's comes with AddInfrastructure).
        return services;
    }
}
