using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Serilog;

namespace GenImageFactory.Infrastructure.Logging;

public static class FactoryLogging
{
    /// <summary>
    /// Serilog for both hosts: structured console lines whose scopes (job id, mapping id) become properties;
    /// levels from the "Serilog" section. <paramref name="writeToProviders"/> also feeds the other logging
    /// providers (Application Insights in the Functions app).
    /// </summary>
    public static IServiceCollection AddFactoryLogging(this IServiceCollection services, IConfiguration configuration, bool writeToProviders = false) =>
        services.AddSerilog((_, logger) => logger
            .ReadFrom.Configuration(configuration)
            .Enrich.FromLogContext()
            .WriteTo.Console(outputTemplate: "[{Timestamp:HH:mm:ss} {Level:u3}] {SourceContext}: {Message:lj} {Properties:j}{NewLine}{Exception}"),
            writeToProviders: writeToProviders);
}
