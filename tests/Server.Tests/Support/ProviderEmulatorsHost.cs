using GenImageFactory.Emulators;
using GenImageFactory.Emulators.OpenAi;
using GenImageFactory.Emulators.PiApi;
using GenImageFactory.Emulators.RemoveBg;
using GenImageFactory.Emulators.Runware;
using GenImageFactory.Local;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace GenImageFactory.Server.Tests.Support;

/// <summary>
/// The PiAPI, OpenAI, Runware and remove.bg emulators in their own process-local host, so a Server can be given real-looking
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
    public string RunwareBaseUrl => $"{BaseUrl}/runware/";
    public string RemoveBgBaseUrl => $"{BaseUrl}/removebg/";

    /// <summary>The PiAPI emulator's state (calls, tasks in flight), shared by every Server that uses it.</summary>
    public PiApiEmulator PiApi => _app.Services.GetRequiredService<PiApiEmulator>();

    /// <summary>The OpenAI emulator's state (image generations and file downloads), shared by every Server that uses it.</summary>
    public OpenAiEmulator OpenAi => _app.Services.GetRequiredService<OpenAiEmulator>();

    /// <param name="latencyMs">Emulated task time: long enough to stop a job mid-way, short enough for fast tests.</param>
    /// <param name="settings">More emulator settings (<c>Emulators:...</c>), e.g. fault knobs.</param>
    public static async Task<ProviderEmulatorsHost> StartAsync(
        string piApiKey, string openAiKey, string? runwareKey = null, string? removeBgKey = null, int latencyMs = 300, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var port = FreePorts.Next();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Emulators:LatencyMs"] = latencyMs.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Emulators:ImageLongSide"] = "64",
            ["Emulators:PiApi:ApiKey"] = piApiKey,
            ["Emulators:OpenAi:ApiKey"] = openAiKey,
            ["Emulators:Runware:ApiKey"] = runwareKey ?? new RunwareEmulatorOptions().ApiKey,
            ["Emulators:RemoveBg:ApiKey"] = removeBgKey ?? new RemoveBgEmulatorOptions().ApiKey,
        });
        builder.Configuration.AddInMemoryCollection(settings ?? new Dictionary<string, string?>());
        builder.Services.AddPiApiEmulator(builder.Configuration).AddOpenAiEmulator(builder.Configuration)
            .AddRunwareEmulator(builder.Configuration).AddRemoveBgEmulator(builder.Configuration);
        var app = builder.Build();
        app.MapPiApiEmulator("/piapi");
        app.MapOpenAiEmulator("/openai");
        app.MapRunwareEmulator("/runware");
        app.MapRemoveBgEmulator("/removebg");
        await app.StartAsync();
        return new ProviderEmulatorsHost(app, port);
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();
}
