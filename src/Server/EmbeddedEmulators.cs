using GenImageFactory.Emulators;
using GenImageFactory.Emulators.OpenAi;
using GenImageFactory.Emulators.PiApi;
using GenImageFactory.Emulators.RemoveBg;
using GenImageFactory.Emulators.Runware;

namespace GenImageFactory.Server;

/// <summary>
/// Serves each provider that has neither an API key nor an explicit endpoint from an in-process emulator
/// on this server's own address, and points the REAL client at it.
/// </summary>
public static class EmbeddedEmulators
{
    public const string PiApiPrefix = "/emulators/piapi";
    public const string OpenAiPrefix = "/emulators/openai";
    public const string RemoveBgPrefix = "/emulators/removebg";
    public const string RunwarePrefix = "/emulators/runware";

    public static bool UsePiApiEmulator(IConfiguration configuration) =>
        string.IsNullOrEmpty(configuration["PIAPI_API_KEY"]) && string.IsNullOrEmpty(configuration["Providers:PiApi:BaseUrl"]);

    public static bool UseOpenAiEmulator(IConfiguration configuration) =>
        string.IsNullOrEmpty(configuration["OPENAI_API_KEY"]) && string.IsNullOrEmpty(configuration["Providers:OpenAI:Endpoint"]);

    public static bool UseRemoveBgEmulator(IConfiguration configuration) =>
        string.IsNullOrEmpty(configuration["REMOVE_BG_API_KEY"]) && string.IsNullOrEmpty(configuration["Providers:RemoveBg:BaseUrl"]);

    public static bool UseRunwareEmulator(IConfiguration configuration) =>
        string.IsNullOrEmpty(configuration["RUNWARE_API_KEY"]) && string.IsNullOrEmpty(configuration["Providers:Runware:BaseUrl"]);

    public static WebApplicationBuilder AddEmbeddedEmulators(this WebApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        var self = SelfAddress(configuration);
        var endpoints = new Dictionary<string, string?>();
        if (UsePiApiEmulator(configuration))
        {
            builder.Services.AddPiApiEmulator(configuration);
            endpoints["Providers:PiApi:BaseUrl"] = $"{self}{PiApiPrefix}/";
            endpoints["Providers:PiApi:ApiKey"] = configuration["Emulators:PiApi:ApiKey"] ?? new PiApiEmulatorOptions().ApiKey;
            endpoints["Providers:PiApi:AllowedImageHosts:0"] = $"http://{new Uri(self).Host}";
        }
        if (UseOpenAiEmulator(configuration))
        {
            builder.Services.AddOpenAiEmulator(configuration);
            endpoints["Providers:OpenAI:Endpoint"] = $"{self}{OpenAiPrefix}/v1";
            endpoints["Providers:OpenAI:ApiKey"] = configuration["Emulators:OpenAi:ApiKey"] ?? new OpenAiEmulatorOptions().ApiKey;
            if (string.IsNullOrEmpty(configuration["Providers:OpenAIImages:BaseUrl"]))
            {
                // The same emulator serves the Images API; its image URLs are on this server.
                endpoints["Providers:OpenAIImages:BaseUrl"] = $"{self}{OpenAiPrefix}/v1/";
                endpoints["Providers:OpenAIImages:ApiKey"] = endpoints["Providers:OpenAI:ApiKey"];
                endpoints["Providers:OpenAIImages:AllowedImageHosts:0"] = $"http://{new Uri(self).Host}";
            }
        }
        if (UseRunwareEmulator(configuration))
        {
            builder.Services.AddRunwareEmulator(configuration);
            endpoints["Providers:Runware:BaseUrl"] = $"{self}{RunwarePrefix}/";
            endpoints["Providers:Runware:ApiKey"] = configuration["Emulators:Runware:ApiKey"] ?? new RunwareEmulatorOptions().ApiKey;
            endpoints["Providers:Runware:AllowedImageHosts:0"] = $"http://{new Uri(self).Host}";
        }
        if (UseRemoveBgEmulator(configuration))
        {
            builder.Services.AddRemoveBgEmulator(configuration);
            endpoints["Providers:RemoveBg:BaseUrl"] = $"{self}{RemoveBgPrefix}/";
            endpoints["Providers:RemoveBg:ApiKey"] = configuration["Emulators:RemoveBg:ApiKey"] ?? new RemoveBgEmulatorOptions().ApiKey;
        }
        configuration.AddInMemoryCollection(endpoints);
        return builder;
    }

    public static WebApplication MapEmbeddedEmulators(this WebApplication app)
    {
        if (app.Services.GetService<PiApiEmulator>() is not null)
        {
            app.MapPiApiEmulator(PiApiPrefix);
        }
        if (app.Services.GetService<OpenAiEmulator>() is not null)
        {
            app.MapOpenAiEmulator(OpenAiPrefix);
        }
        if (app.Services.GetService<RunwareEmulator>() is not null)
        {
            app.MapRunwareEmulator(RunwarePrefix);
        }
        if (app.Services.GetService<RemoveBgEmulator>() is not null)
        {
            app.MapRemoveBgEmulator(RemoveBgPrefix);
        }
        return app;
    }

    /// <summary>This server's first listening URL, reachable on loopback (from <c>--urls</c>).</summary>
    private static string SelfAddress(IConfiguration configuration)
    {
        var urls = configuration["urls"] ?? configuration["ASPNETCORE_URLS"] ?? "http://localhost:5000";
        var first = new Uri(urls.Split(';', StringSplitOptions.RemoveEmptyEntries)[0].Trim()
            .Replace("://+", "://127.0.0.1").Replace("://*", "://127.0.0.1").Replace("://0.0.0.0", "://127.0.0.1").Replace("://[::]", "://127.0.0.1"));
        return $"{first.Scheme}://{first.Authority}";
    }
}
