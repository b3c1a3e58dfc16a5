using GenImageFactory.Emulators;
using GenImageFactory.Emulators.PiApi;
using GenImageFactory.Infrastructure;
using GenImageFactory.Infrastructure.Providers;
using GenImageFactory.Local;
using GenImageFactory.Pipeline.Ports;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace GenImageFactory.Infrastructure.Tests.Providers;

/// <summary>The PiAPI emulator on a real loopback port, and the real client (with its resilience handler) pointed at it.</summary>
public sealed class PiApiEmulatorHost : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ServiceProvider _clientServices;

    private PiApiEmulatorHost(WebApplication app, ServiceProvider clientServices, PiApiEmulator emulator, Uri baseUrl)
    {
        _app = app;
        _clientServices = clientServices;
        Emulator = emulator;
        BaseUrl = baseUrl;
    }

    public PiApiEmulator Emulator { get; }
    public Uri BaseUrl { get; }
    public PiApiClient Client => _clientServices.GetRequiredService<PiApiClient>();
    public IImageDownloader Downloader => _clientServices.GetRequiredService<IImageDownloader>();

    public static async Task<PiApiEmulatorHost> StartAsync(Action<Dictionary<string, string?>>? emulatorSettings = null, string? apiKey = null, string? allowedHost = null, int requestTimeoutSeconds = 10)
    {
        var port = FreePorts.Next();
        var settings = new Dictionary<string, string?> { ["Emulators:LatencyMs"] = "400", ["Emulators:ImageLongSide"] = "256" };
        emulatorSettings?.Invoke(settings);

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddPiApiEmulator(builder.Configuration);
        var app = builder.Build();
        app.MapPiApiEmulator("/piapi");
        await app.StartAsync();

        var baseUrl = new Uri($"http://127.0.0.1:{port}/piapi/");
        var clientConfiguration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Providers:PiApi:BaseUrl"] = baseUrl.ToString(),
            ["Providers:PiApi:ApiKey"] = apiKey ?? new PiApiEmulatorOptions().ApiKey,
            ["Providers:PiApi:AllowedImageHosts:0"] = allowedHost ?? "127.0.0.1",
            ["Providers:PiApi:RequestTimeoutSeconds"] = $"{requestTimeoutSeconds}",
        }).Build();
        var services = new ServiceCollection().AddLogging().AddInfrastructure(clientConfiguration).BuildServiceProvider();
        return new PiApiEmulatorHost(app, services, app.Services.GetRequiredService<PiApiEmulator>(), baseUrl);
    }

    public async ValueTask DisposeAsync()
    {
        await _clientServices.DisposeAsync();
        await _app.DisposeAsync();
    }
}
