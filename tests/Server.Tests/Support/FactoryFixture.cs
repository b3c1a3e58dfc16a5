using Azure.Data.Tables;
using Azure.Storage.Blobs;
using GenImageFactory.Emulators.OpenAi;
using GenImageFactory.Emulators.PiApi;
using GenImageFactory.Local;
using GenImageFactory.Server;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace GenImageFactory.Server.Tests.Support;

/// <summary>
/// A storage account of its own in a real Azurite shared with other classes (<see cref="SharedAzurite"/>: in
/// memory, free loopback ports) and the real Server app in-process on a free port, with its own task hub;
/// subclasses set emulator knobs. One per test class.
/// </summary>
public class FactoryFixture : IAsyncLifetime
{
    private WebApplication? _app;
    private SharedAzurite.Lease? _storage;
    private Dictionary<string, string?>? _settings;

    public AzuriteAccount Azurite { get; private set; } = null!;
    public string TaskHub { get; } = "Test" + Guid.NewGuid().ToString("N")[..12];
    public FactoryClient Client { get; private set; } = null!;
    public HttpClient Http => Client.Http;
    public PiApiEmulator Emulator => _app!.Services.GetRequiredService<PiApiEmulator>();
    public OpenAiEmulator OpenAiEmulator => _app!.Services.GetRequiredService<OpenAiEmulator>();
    public IServiceProvider Services => _app!.Services;
    public TableServiceClient Tables { get; private set; } = null!;
    public BlobServiceClient Blobs { get; private set; } = null!;

    /// <summary>The Server's port, known before <see cref="Configure"/> runs (for settings that point back at it).</summary>
    protected int Port { get; private set; }

    /// <summary>Settings on top of the defaults below (configuration keys with ':').</summary>
    protected virtual void Configure(IDictionary<string, string?> settings)
    {
    }

    /// <summary>The address the Server binds (<c>--urls</c>); clients always reach it on 127.0.0.1.</summary>
    protected virtual string ListenAddress(int port) => $"http://127.0.0.1:{port}";

    public async Task InitializeAsync()
    {
        _storage = await SharedAzurite.LeaseAsync();
        Azurite = _storage.Account;
        var port = Port = FreePorts.Next();
        var settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:Storage"] = Azurite.ConnectionString,
            ["Durable:TaskHub"] = TaskHub,
            ["Emulators:LatencyMs"] = "300",
            ["Emulators:ImageLongSide"] = "128",
            // Four images per task, as Flux schnell's batch_size allows: image counts read as in Midjourney's days.
            ["Providers:PiApi:Models:flux1-schnell:ImagesPerTask"] = "4",
            ["Serilog:MinimumLevel:Default"] = "Warning",
        };
        Configure(settings);
        _settings = settings;

        _app = await StartAppAsync(port, settings);
        Client = new FactoryClient(new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/") });
        Tables = new TableServiceClient(Azurite.ConnectionString);
        Blobs = new BlobServiceClient(Azurite.ConnectionString);
        await Eventually.TrueAsync(async () => (await Http.GetAsync("api/health")).IsSuccessStatusCode, TimeSpan.FromSeconds(60), "the Server never became healthy");
    }

    /// <summary>
    /// Another Server in this process on the same storage account and task hub, with this fixture's settings and
    /// <paramref name="overrides"/> on top (a second worker, or the worker an API-only Server needs).
    /// </summary>
    public async Task<WebApplication> StartAnotherServerAsync(IReadOnlyDictionary<string, string?> overrides)
    {
        var settings = new Dictionary<string, string?>(_settings!);
        foreach (var (key, value) in overrides)
        {
            settings[key] = value;
        }
        return await StartAppAsync(FreePorts.Next(), settings);
    }

    /// <summary>
    /// An API front end (no worker) on this storage account but on a task hub of its own that no worker runs: it
    /// reads and writes the same records, and the work it accepts is scheduled and never run. Dispose the client, then the app.
    /// </summary>
    public async Task<(WebApplication App, HttpClient Http)> StartIdleFrontEndAsync()
    {
        var app = await StartAnotherServerAsync(new Dictionary<string, string?>
        {
            ["Durable:RunWorker"] = "false",
            ["Durable:TaskHub"] = TaskHub + "Idle",
        });
        return (app, new HttpClient { BaseAddress = new Uri(app.Urls.Single().TrimEnd('/') + "/") });
    }

    private async Task<WebApplication> StartAppAsync(int port, IReadOnlyDictionary<string, string?> settings)
    {
        var args = new List<string> { "--urls", ListenAddress(port) };
        args.AddRange(settings.Select(s => $"--{s.Key}={s.Value}"));
        var app = FactoryServer.Build([.. args]);
        await app.StartAsync();
        return app;
    }

    public virtual async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
        if (_storage is not null)
        {
            await _storage.DisposeAsync();
        }
    }
}
