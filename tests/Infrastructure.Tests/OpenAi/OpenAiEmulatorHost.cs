using GenImageFactory.Emulators;
using GenImageFactory.Emulators.OpenAi;
using GenImageFactory.Infrastructure.OpenAi;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

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
    public GenImageFactory.Infrastructure.Providers.OpenAiImagesClient Images => _clientServices.GetRequiredService<GenImageFactory.Infrastructure.Providers.OpenAiImagesClient>();

    public static async Task<OpenAiEmulatorHost> StartAsync(Action<Dictionary<string, string?>>? emulatorSettings = null, string? apiKey = null, int? requestTimeoutSeconds = null)
    {
        var settings = new Dictionary<string, string?>();
        emulatorSettings?.Invoke(settings);
        var (app, baseUrl) = await LoopbackEmulator.StartAsync(settings, (s, c) => s.AddOpenAiEmulator(c), a => a.MapOpenAiEmulator("/openai"));
        var clientSettings = new Dictionary<string, string?>
        {
            ["Providers:OpenAI:Endpoint"] = $"{baseUrl}/openai/v1",
            ["Providers:OpenAI:ApiKey"] = apiKey ?? new OpenAiEmulatorOptions().ApiKey,
            ["Providers:OpenAIImages:BaseUrl"] = $"{baseUrl}/openai/v1/",
            ["Providers:OpenAIImages:ApiKey"] = apiKey ?? new OpenAiEmulatorOptions().ApiKey,
        };
        if (requestTimeoutSeconds is { } timeout)
        {
            clientSettings["Providers:OpenAI:RequestTimeoutSeconds"] = timeout.ToString(System.Globalization.CultureInfo.InvariantCulture);
            clientSettings["Providers:OpenAI:MaxRetries"] = "1";
        }
        var clients = LoopbackEmulator.Clients(clientSettings);
        return new OpenAiEmulatorHost(app, clients);
    }

    public async ValueTask DisposeAsync()
    {
        await _clientServices.DisposeAsync();
        await _app.DisposeAsync();
    }
}
