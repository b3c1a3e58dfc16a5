using GenImageFactory.Emulators;
using GenImageFactory.Emulators.PiApi;

namespace GenImageFactory.Server;

/// <summary>
/// Serves each provider that has neither an API key nor an explicit endpoint from an in-process emulator
/// on this server's own address, and points the REAL client at it (SPEC §8).
/// </summary>
public static class EmbeddedEmulators
{
    public const string PiApiPrefix = "/emulators/piapi";

    public static bool UsePiApiEmulator(IConfiguration configuration) =>
        string.IsNullOrEmpty(configuration["PIAPI_API_KEY"]) && string.IsNullOrEmpty(configuration["Providers:PiApi:BaseUrl"]);

    public static WebApplicationBuilder AddEmbeddedEmulators(this WebApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        if (!UsePiApiEmulator(configuration))
        {
            return builder;
        }

        builder.Services.AddPiApiEmulator(configuration);
        var self = SelfAddress(configuration);
        var key = configuration["Emulators:PiApi:ApiKey"] ?? new PiApiEmulatorOptions().ApiKey;
        configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Providers:PiApi:BaseUrl"] = $"{self}{PiApiPrefix}/",
            ["Providers:PiApi:ApiKey"] = key,
            ["Providers:PiApi:AllowedImageHosts:0"] = new Uri(self).Host,
        });
        return builder;
    }

    public static WebApplication MapEmbeddedEmulators(this WebApplication app)
    {
        if (app.Services.GetService<PiApiEmulator>() is not null)
        {
            app.MapPiApiEmulator(PiApiPrefix);
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
