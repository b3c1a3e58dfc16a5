using GenImageFactory.Emulators;
using GenImageFactory.Emulators.PiApi;
using GenImageFactory.Infrastructure.Providers;
using GenImageFactory.Pipeline.Ports;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

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

    public static async Task<PiApiEmulatorHost> StartAsync(Action<Dictionary<string, string?>>? emulatorSettings = null, string? apiKey = null, string? allowedHost = null, int requestTimeoutSeconds = 10,
        Action<Dictionary<string, string?>>? clientSettings = null)
    {
        var settings = new Dictionary<string, string?> { ["Emulators:LatencyMs"] = "400", ["Emulators:ImageLongSide"] = "256" };
        emulatorSettings?.Invoke(settings);
        var (app, host) = await LoopbackEmulator.StartAsync(settings, (s, c) => s.AddPiApiEmulator(c), a => a.MapPiApiEmulator("/piapi"));
        var baseUrl = new Uri($"{host}/piapi/");
        var client = new Dictionary<string, string?>
        {
            ["Providers:PiApi:BaseUrl"] = baseUrl.ToString(),
            ["Providers:PiApi:ApiKey"] = apiKey ?? new PiApiEmulatorOptions().ApiKey,
            ["Providers:PiApi:AllowedImageHosts:0"] = allowedHost ?? "http://127.0.0.1",
            ["Providers:PiApi:RequestTimeoutSeconds"] = $"{requestTimeoutSeconds}",
        };
        clientSettings?.Invoke(client);
        var clients = LoopbackEmulator.Clients(client);
        return new PiApiEmulatorHost(app, clients, app.Services.GetRequiredService<PiApiEmulator>(), baseUrl);
    }

    public async ValueTask DisposeAsync()
    {
        await _clientServices.DisposeAsync();
        await _app.DisposeAsync();
    }
}
