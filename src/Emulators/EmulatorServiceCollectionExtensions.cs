using GenImageFactory.Emulators.OpenAi;
using GenImageFactory.Emulators.PiApi;
using GenImageFactory.Emulators.RemoveBg;
using GenImageFactory.Emulators.Runware;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace GenImageFactory.Emulators;

public static class EmulatorServiceCollectionExtensions
{
    /// <summary>Emulator state, configured from <c>Emulators</c> (latency, seed) and <c>Emulators:PiApi</c> (the rest).</summary>
    public static IServiceCollection AddPiApiEmulator(this IServiceCollection services, IConfiguration configuration)
    {
        var options = new PiApiEmulatorOptions();
        configuration.GetSection("Emulators").Bind(options);
        configuration.GetSection("Emulators:PiApi").Bind(options);
        services.AddSingleton(options);
        services.AddSingleton(sp => new PiApiEmulator(options, TimeProvider.System));
        return services.AddWebhookCaller();
    }

    /// <summary>One caller for every emulator's webhooks (registered once).</summary>
    private static IServiceCollection AddWebhookCaller(this IServiceCollection services)
    {
        services.AddHttpClient();
        services.TryAddSingleton(sp => new EmulatorWebhookCaller(
            sp.GetRequiredService<IHttpClientFactory>(), TimeProvider.System, sp.GetRequiredService<Microsoft.Extensions.Logging.ILogger<EmulatorWebhookCaller>>()));
        return services;
    }

    /// <summary>Emulator state, configured from <c>Emulators:Seed</c> (shared with the other emulators) and <c>Emulators:OpenAi</c> (the rest).</summary>
    public static IServiceCollection AddOpenAiEmulator(this IServiceCollection services, IConfiguration configuration)
    {
        var options = new OpenAiEmulatorOptions();
        options.Seed = configuration.GetValue("Emulators:Seed", options.Seed);
        options.ImageLongSide = configuration.GetValue("Emulators:ImageLongSide", options.ImageLongSide);
        options.ImageLatencyMs = configuration.GetValue("Emulators:LatencyMs", options.ImageLatencyMs);
        configuration.GetSection("Emulators:OpenAi").Bind(options);
        services.AddSingleton(options);
        services.AddSingleton(sp => new OpenAiEmulator(options, TimeProvider.System));
        return services;
    }

    /// <summary>Emulator state, configured from <c>Emulators:RemoveBg</c>.</summary>
    public static IServiceCollection AddRemoveBgEmulator(this IServiceCollection services, IConfiguration configuration)
    {
        var options = new RemoveBgEmulatorOptions();
        configuration.GetSection("Emulators:RemoveBg").Bind(options);
        services.AddSingleton(options);
        services.AddSingleton<RemoveBgEmulator>();
        return services;
    }

    /// <summary>Emulator state, configured from <c>Emulators:ImageLongSide</c> and <c>Emulators:Runware</c>.</summary>
    public static IServiceCollection AddRunwareEmulator(this IServiceCollection services, IConfiguration configuration)
    {
        var options = new RunwareEmulatorOptions();
        options.ImageLongSide = configuration.GetValue("Emulators:ImageLongSide", options.ImageLongSide);
        options.LatencyMs = configuration.GetValue("Emulators:LatencyMs", options.LatencyMs);
        configuration.GetSection("Emulators:Runware").Bind(options);
        services.AddSingleton(options);
        services.AddSingleton(sp => new RunwareEmulator(options, TimeProvider.System));
        return services.AddWebhookCaller();
    }
}
