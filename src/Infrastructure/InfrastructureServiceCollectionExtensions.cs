using GenImageFactory.Infrastructure.Imaging;
using GenImageFactory.Infrastructure.OpenAi;
using GenImageFactory.Infrastructure.Providers;
using GenImageFactory.Infrastructure.Storage;
using GenImageFactory.Pipeline.Ports;
using Microsoft.Extensions.Azure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;

namespace GenImageFactory.Infrastructure;

public static class InfrastructureServiceCollectionExtensions
{
    /// <summary>Storage adapters and provider clients behind the pipeline's ports.</summary>
    public static IServiceCollection AddInfrastructure(this IServiceCollection services, IConfiguration configuration)
    {
        var storage = StorageAccount.From(configuration);
        services.AddSingleton(storage);
        services.AddAzureClients(clients =>
        {
            if (storage.UsesIdentity)
            {
                clients.AddTableServiceClient(storage.ServiceUri("table"));
                clients.AddBlobServiceClient(storage.ServiceUri("blob"));
                clients.UseCredential(storage.Credential());
            }
            else
            {
                clients.AddTableServiceClient(storage.ConnectionString);
                clients.AddBlobServiceClient(storage.ConnectionString);
            }
        });
        services.AddSingleton<StorageInitializer>();
        services.AddHostedService(sp => sp.GetRequiredService<StorageInitializer>());
        // Registered here, once for both hosts: each reports storage in its health.
        services.AddSingleton<IReadinessCheck>(sp => sp.GetRequiredService<StorageInitializer>());
        services.AddExceptionHandler<StorageOutageHandler>();
        services.AddSingleton<IJobStore, TableJobStore>();
        services.AddSingleton<IImageRecordStore, TableImageRecordStore>();
        services.AddSingleton<IJobLogStore, TableJobLogStore>();
        services.AddSingleton<IConfigurationStore, TableConfigurationStore>();
        services.AddSingleton<IImageIndex, TableImageIndex>();
        services.AddSingleton<IImageSearchIndex, TableImageSearchIndex>();
        services.AddSingleton<IScheduleStore, TableScheduleStore>();
        services.AddSingleton<ISubmittedTaskStore, TableSubmittedTaskStore>();
        services.AddSingleton<IProviderSlots, TableProviderSlots>();
        services.AddSingleton<IImageBlobStore, AzureImageBlobStore>();
        services.AddSingleton<IImageInspector, SkiaImageInspector>();
        services.AddSingleton<IImageGridSplitter, SkiaImageGridSplitter>();

        services.AddOptions<ProvidersOptions>()
            .Bind(configuration.GetSection(ProvidersOptions.Section))
            .PostConfigure(o =>
            {
                o.PiApi.ApiKey ??= configuration["PIAPI_API_KEY"];
                o.OpenAI.ApiKey ??= configuration["OPENAI_API_KEY"];
                o.RemoveBg.ApiKey ??= configuration["REMOVE_BG_API_KEY"];
                o.Runware.ApiKey ??= configuration["RUNWARE_API_KEY"];
                o.OpenAIImages.ApiKey ??= o.OpenAI.ApiKey;
                if (string.IsNullOrEmpty(configuration["Providers:OpenAIImages:BaseUrl"]))
                {
                    // Images go where the chat calls go (a proxy or a compatible service) unless told otherwise.
                    o.OpenAIImages.BaseUrl = new Uri(o.OpenAI.Endpoint.ToString().TrimEnd('/') + "/");
                }
            })
            .ValidateDataAnnotations()
            .Validate(o => o.PiApi.BaseUrl is { IsAbsoluteUri: true }, "Providers:PiApi:BaseUrl must be an absolute URL.")
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<ProvidersOptions>, ProviderSettingsValidation>();

        services.AddHttpClient<PiApiClient>().AddStandardResilienceHandler()
            .Configure((resilience, sp) => ConfigureProviderResilience(resilience, sp.GetRequiredService<IOptions<ProvidersOptions>>().Value.PiApi.RequestTimeoutSeconds));
        services.AddTransient<IImageProvider>(sp => sp.GetRequiredService<PiApiClient>());
        services.AddHttpClient<RunwareClient>().AddStandardResilienceHandler()
            .Configure((resilience, sp) => ConfigureProviderResilience(resilience, sp.GetRequiredService<IOptions<ProvidersOptions>>().Value.Runware.RequestTimeoutSeconds));
        services.AddTransient<IImageProvider>(sp => sp.GetRequiredService<RunwareClient>());
        services.AddSingleton<OpenAiImagesClient>();
        services.AddTransient<IImageProvider>(sp => sp.GetRequiredService<OpenAiImagesClient>());
        services.AddTransient<IImageProviders, ImageProviders>();
        services.AddSingleton<IProviderWebhooks, ProviderWebhooks>();
        services.AddSingleton<IProviderCatalog, ProviderCatalog>();
        services.AddHttpClient<IBackgroundRemover, RemoveBgClient>().AddStandardResilienceHandler()
            .Configure((resilience, sp) => ConfigureProviderResilience(resilience, sp.GetRequiredService<IOptions<ProvidersOptions>>().Value.RemoveBg.RequestTimeoutSeconds));
        services.AddTransient<IImageProcessor, SkiaImageProcessor>();

        services.AddSingleton<OpenAiJsonChat>();
        services.AddSingleton<OpenAiReviewers>();
        services.AddSingleton<IPromptWriter>(sp => sp.GetRequiredService<OpenAiReviewers>());
        services.AddSingleton<IQualityChecker>(sp => sp.GetRequiredService<OpenAiReviewers>());
        services.AddSingleton<IMetadataWriter>(sp => sp.GetRequiredService<OpenAiReviewers>());

        services.AddHttpClient<IImageDownloader, ImageDownloader>()
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false })
            .AddStandardResilienceHandler(resilience => ConfigureProviderResilience(resilience, ImageDownloadTimeoutSeconds));
        return services;
    }

    private const int ImageDownloadTimeoutSeconds = 60;
    private const int MaxRetries = 3;

    /// <summary>
    /// Provider calls: each attempt bounded by the provider's timeout, a few retries with jittered
    /// exponential backoff that honour Retry-After (the handler's default), within one overall deadline.
    /// </summary>
    private static void ConfigureProviderResilience(HttpStandardResilienceOptions options, int attemptTimeoutSeconds)
    {
        var attempt = TimeSpan.FromSeconds(attemptTimeoutSeconds);
        options.AttemptTimeout.Timeout = attempt;
        options.Retry.MaxRetryAttempts = MaxRetries;
        options.Retry.Delay = TimeSpan.FromMilliseconds(500);
        options.Retry.UseJitter = true;
        options.TotalRequestTimeout.Timeout = attempt * (MaxRetries + 1) + TimeSpan.FromSeconds(30);
        // The breaker must sample at least two attempt timeouts.
        options.CircuitBreaker.SamplingDuration = TimeSpan.FromSeconds(Math.Max(60, 2 * attemptTimeoutSeconds + 1));
    }
}
