using GenImageFactory.Pipeline.Ports;

namespace GenImageFactory.Server.Durable;

public static class DurableServiceCollectionExtensions
{
    /// <summary>The durable worker and the workflow port over it; its settings are validated at start.</summary>
    public static IServiceCollection AddDurableEngine(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<DurableOptions>()
            .Bind(configuration.GetSection(DurableOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<DurableEngine>();
        services.AddHostedService(sp => sp.GetRequiredService<DurableEngine>());
        services.AddSingleton<IReadinessCheck>(sp => sp.GetRequiredService<DurableEngine>());
        services.AddSingleton<IStorageEmptiedListener>(sp => sp.GetRequiredService<DurableEngine>());
        services.AddSingleton<IWorkflowClient, TaskHubWorkflowClient>();
        return services;
    }
}
