using GenImageFactory.Local;

namespace GenImageFactory.Server.Tests.Support;

/// <summary>Server process settings for providers served by a <see cref="ProviderEmulatorsHost"/> in the test process, with keys set as in production.</summary>
public static class EmulatedProviders
{
    public const string PiApiKey = "piapi-test-key";
    public const string OpenAiKey = "sk-test-key";

    public static Task<ProviderEmulatorsHost> StartAsync(int latencyMs) => ProviderEmulatorsHost.StartAsync(PiApiKey, OpenAiKey, latencyMs: latencyMs);

    /// <param name="maxConcurrency">The PiAPI account's cap, shared by every job and process.</param>
    public static Dictionary<string, string?> ServerSettings(AzuriteProcess azurite, ProviderEmulatorsHost emulators, string taskHub, int imagesPerTask, int maxConcurrency) => new()
    {
        ["ConnectionStrings__Storage"] = azurite.ConnectionString,
        ["Durable__TaskHub"] = taskHub,
        ["PIAPI_API_KEY"] = PiApiKey,
        ["Providers__PiApi__BaseUrl"] = emulators.PiApiBaseUrl,
        ["Providers__PiApi__AllowedImageHosts__0"] = "http://127.0.0.1",
        ["Providers__PiApi__Models__flux1-schnell__ImagesPerTask"] = $"{imagesPerTask}",
        ["Providers__PiApi__MaxConcurrency"] = $"{maxConcurrency}",
        ["OPENAI_API_KEY"] = OpenAiKey,
        ["Providers__OpenAI__Endpoint"] = emulators.OpenAiEndpoint,
        ["Schedules__Enabled"] = "false",
        ["Serilog__MinimumLevel__Default"] = "Warning",
    };
}
