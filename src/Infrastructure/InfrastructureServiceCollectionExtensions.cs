using GenImageFactory.Infrastructure.Imaging;
using GenImageFactory.Infrastructure.Providers;
using GenImageFactory.Infrastructure.Storage;
using GenImageFactory.Pipeline.Ports;
using Microsoft.Extensions.Azure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;

namespace GenImageFactory.Infrastructure;

public static class InfrastructureServiceCollectionExtensions
{
    public const string StorageConnectionName = "Storage";
    public const string DevelopmentStorage = "UseDevelopmentStorage=true";

    /// <summary>Storage adapters and provider clients behind the pipeline's ports.</summary>
    public static IServiceCollection AddInfrastructure(this IServiceCollection services, IConfiguration configuration)
    {
        var connectionString = StorageConnectionString(configuration);
        services.AddAzureClients(clients =>
        {
            clients.AddTableServiceClient(connectionString);
            clients.AddBlobServiceClient(connectionString);
        });
        services.AddSingleton<StorageInitializer>();
        services.AddHostedService(sp => sp.GetRequiredService<StorageInitializer>());
        services.AddSingleton<IJobStore, TableJobStore>();
        services.AddSingleton<IImageRecordStore, TableImageRecordStore>();
        services.AddSingleton<IImageBlobStore, AzureImageBlobStore>();
        services.AddSingleton<IImageInspector, SkiaImageInspector>();

        services.AddOptions<ProvidersOptions>()
            .Bind(configuration.GetSection(ProvidersOptions.Section))
            .PostConfigure(o => o.PiApi.ApiKey ??= configuration["PIAPI_API_KEY"])
            .ValidateDataAnnotations()
            .Validate(o => o.PiApi.BaseUrl is { IsAbsoluteUri: true }, "Providers:PiApi:BaseUrl must be an absolute URL.")
            .ValidateOnStart();

        services.AddHttpClient<PiApiClient>().AddStandardResilienceHandler(ConfigureProviderResilience);
        services.AddTransient<IImageProvider>(sp => sp.GetRequiredService<PiApiClient>());
        services.AddTransient<IImageProviders, ImageProviders>();

        services.AddHttpClient<IImageDownloader, ImageDownloader>()
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false })
            .AddStandardResilienceHandler(ConfigureProviderResilience);
        return services;
    }

    /// <summary>The storage connection string of SPEC §8; Azurite on its default ports when unset.</summary>
    public static string StorageConnectionString(IConfiguration configuration) =>
        configuration.GetConnectionString(StorageConnectionName) is { Length: > 0 } value ? value : DevelopmentStorage;

    /// <summary>
    /// Provider calls: a bounded attempt, a few retries with jittered exponential backoff that honour
    /// Retry-After (the handler's default), all within one overall deadline per call.
    /// </summary>
    private static void ConfigureProviderResilience(HttpStandardResilienceOptions options)
    {
        options.AttemptTimeout.Timeout = TimeSpan.FromSeconds(20);
        options.TotalRequestTimeout.Timeout = TimeSpan.FromSeconds(90);
        options.Retry.MaxRetryAttempts = 3;
        options.Retry.Delay = TimeSpan.FromMilliseconds(500);
        options.Retry.UseJitter = true;
        options.CircuitBreaker.SamplingDuration = TimeSpan.FromSeconds(60);
    }
}
