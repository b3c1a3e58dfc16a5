using GenImageFactory.Emulators;
using GenImageFactory.Emulators.RemoveBg;
using GenImageFactory.Pipeline.Ports;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace GenImageFactory.Infrastructure.Tests.Imaging;

/// <summary>The remove.bg emulator on a real loopback port, and our processor with its real remove.bg client pointed at it.</summary>
public sealed class RemoveBgEmulatorHost : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ServiceProvider _clientServices;

    private RemoveBgEmulatorHost(WebApplication app, ServiceProvider clientServices) => (_app, _clientServices) = (app, clientServices);

    public RemoveBgEmulator Emulator => _app.Services.GetRequiredService<RemoveBgEmulator>();
    public IImageProcessor Processor => _clientServices.GetRequiredService<IImageProcessor>();

    public static async Task<RemoveBgEmulatorHost> StartAsync(Action<Dictionary<string, string?>>? emulatorSettings = null)
    {
        var settings = new Dictionary<string, string?>();
        emulatorSettings?.Invoke(settings);
        var (app, baseUrl) = await LoopbackEmulator.StartAsync(settings, (s, c) => s.AddRemoveBgEmulator(c), a => a.MapRemoveBgEmulator("/removebg"));
        var clients = LoopbackEmulator.Clients(new Dictionary<string, string?>
        {
            ["Providers:RemoveBg:BaseUrl"] = $"{baseUrl}/removebg/",
            ["Providers:RemoveBg:ApiKey"] = new RemoveBgEmulatorOptions().ApiKey,
        });
        return new RemoveBgEmulatorHost(app, clients);
    }

    public async ValueTask DisposeAsync()
    {
        await _clientServices.DisposeAsync();
        await _app.DisposeAsync();
    }
}
