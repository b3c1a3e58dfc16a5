using GenImageFactory.Emulators;
using GenImageFactory.Emulators.OpenAi;
using GenImageFactory.Emulators.PiApi;
using GenImageFactory.Local;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace GenImageFactory.Server.Tests.Support;

/// <summary>
/// The PiAPI and OpenAI emulators in their own process-local host, so a Server can be given real-looking
/// keys and endpoints (as in production) instead of embedding them.
/// </summary>
public sealed class ProviderEmulatorsHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private ProviderEmulatorsHost(WebApplication app, int port)
    {
        _app = app;
        BaseUrl = $"http://127.0.0.1:{port}";
    }

    public string BaseUrl { get; }
    public string PiApiBaseUrl => $"{BaseUrl}/piapi/";
    public string OpenAiEndpoint => $"{BaseUrl}/openai/v1";

    public static async Task<ProviderEmulatorsHost> StartAsync(string piApiKey, string openAiKey)
    {
        var port = FreePorts.Next();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Emulators:LatencyMs"] = "300",
            ["Emulators:ImageLongSide"] = "64",
            ["Emulators:PiApi:ApiKey"] = piApiKey,
            ["Emulators:OpenAi:ApiKey"] = openAiKey,
        });
        builder.Services.AddPiApiEmulator(builder.Configuration).AddOpenAiEmulator(builder.Configuration);
        var app = builder.Build();
        app.MapPiApiEmulator("/piapi");
        app.MapOpenAiEmulator("/openai");
        await app.StartAsync();
        return new ProviderEmulatorsHost(app, port);
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();
}
