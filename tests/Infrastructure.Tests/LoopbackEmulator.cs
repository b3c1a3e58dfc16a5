using GenImageFactory.Local;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace GenImageFactory.Infrastructure.Tests;

/// <summary>An emulator on a real loopback port, and our real clients (AddInfrastructure) configured to reach it.</summary>
public static class LoopbackEmulator
{
    public static async Task<(WebApplication App, string BaseUrl)> StartAsync(
        IDictionary<string, string?> settings, Action<IServiceCollection, IConfiguration> addEmulator, Action<WebApplication> mapEmulator)
    {
        var port = FreePorts.Next();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.Configuration.AddInMemoryCollection(settings);
        addEmulator(builder.Services, builder.Configuration);
        var app = builder.Build();
        mapEmulator(app);
        await app.StartAsync();
        return (app, $"http://127.0.0.1:{port}");
    }

    public static ServiceProvider Clients(IDictionary<string, string?> settings) =>
        new ServiceCollection().AddLogging().AddInfrastructure(new ConfigurationBuilder().AddInMemoryCollection(settings).Build()).BuildServiceProvider();
}
