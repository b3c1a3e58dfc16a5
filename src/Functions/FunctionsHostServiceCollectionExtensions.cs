using GenImageFactory.Api.Apis;
using GenImageFactory.Functions.Durable;
using GenImageFactory.Functions.Http;
using GenImageFactory.Infrastructure.Storage;
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
        // The Functions host runs the durable worker itself; storage is the part this app reports.
        services.AddSingleton<IReadinessCheck, StorageReadiness>();
        return services;
    }

    private sealed class StorageReadiness(StorageInitializer storage) : IReadinessCheck
    {
        public string Name => "storage";
        public bool IsReady => storage.IsReady;
    }
}
