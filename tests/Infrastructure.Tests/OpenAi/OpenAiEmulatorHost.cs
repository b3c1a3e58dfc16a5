using GenImageFactory.Emulators;
using GenImageFactory.Emulators.OpenAi;
using GenImageFactory.Infrastructure.OpenAi;
using GenImageFactory.Local;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace GenImageFactory.Infrastructure.Tests.OpenAi;

/// <summary>The OpenAI emulator on a real loopback port, and our adapters on the official SDK pointed at it.</summary>
public sealed class OpenAiEmulatorHost : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ServiceProvider _clientServices;

    private OpenAiEmulatorHost(WebApplication app, ServiceProvider clientServices)
    {
        _app = app;
        _clientServices = clientServices;
    }

    public OpenAiEmulator Emulator => _app.Services.GetRequiredService<OpenAiEmulator>();
    public OpenAiReviewers Reviewers => _clientServices.GetRequiredService<OpenAiReviewers>();

    public static async Task<OpenAiEmulatorHost> StartAsync(Action<Dictionary<string, string?>>? emulatorSettings = null, string? apiKey = null)
    {
        var port = FreePorts.Next();
        var settings = new Dictionary<string, string?>();
        emulatorSettings?.Invoke(settings);

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddOpenAiEmulator(builder.Configuration);
        var app = builder.Build();
        app.MapOpenAiEmulator("/openai");
        await app.StartAsync();

        var clientConfiguration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Providers:OpenAI:Endpoint"] = $"http://127.0.0.1:{port}/openai/v1",
            ["Providers:OpenAI:ApiKey"] = apiKey ?? new OpenAiEmulatorOptions().ApiKey,
        }).Build();
        var services = new ServiceCollection().AddLogging().AddInfrastructure(clientConfiguration).BuildServiceProvider();
        return new OpenAiEmulatorHost(app, services);
    }

    public async ValueTask DisposeAsync()
    {
        await _clientServices.DisposeAsync();
        await _app.DisposeAsync();
    }
}
