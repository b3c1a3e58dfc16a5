namespace GenImageFactory.Local;

/// <summary>The built Server as a child process (so it can be crashed and restarted), on a loopback port.</summary>
public sealed class ServerProcess : IAsyncDisposable
{
    private readonly IReadOnlyDictionary<string, string?> _environment;
    private readonly string? _logFile;
    private ChildProcess _process;

    private ServerProcess(ChildProcess process, int port, IReadOnlyDictionary<string, string?> environment, string? logFile)
    {
        _process = process;
        Port = port;
        _environment = environment;
        _logFile = logFile;
    }

    public int Port { get; }

    public Uri BaseUrl => new($"http://127.0.0.1:{Port}/");

    public ChildProcess Process => _process;

    /// <summary>Starts the Server with the given settings (environment variables, e.g. <c>Durable__TaskHub</c>) and waits for health.</summary>
    public static async Task<ServerProcess> StartAsync(IReadOnlyDictionary<string, string?> environment, int? port = null, string? logFile = null, TimeSpan? timeout = null)
    {
        var chosen = port ?? FreePorts.Next();
        var server = new ServerProcess(Launch(chosen, environment, logFile), chosen, environment, logFile);
        await server.WaitHealthyAsync(timeout ?? TimeSpan.FromSeconds(90));
        return server;
    }

    /// <summary>SIGKILL, as a crash would.</summary>
    public Task CrashAsync() => _process.KillAsync();

    /// <summary>Starts the same Server again (same port, same settings, same worker id) after a crash or stop.</summary>
    public async Task RestartAsync(TimeSpan? timeout = null)
    {
        await _process.DisposeAsync();
        _process = Launch(Port, _environment, _logFile);
        await WaitHealthyAsync(timeout ?? TimeSpan.FromSeconds(90));
    }

    public ValueTask DisposeAsync() => _process.DisposeAsync();

    private static ChildProcess Launch(int port, IReadOnlyDictionary<string, string?> environment, string? logFile) =>
        ChildProcess.Start("dotnet", [RepositoryPaths.ServerAssembly, "--urls", $"http://127.0.0.1:{port}"], environment.ToDictionary(), logFile);

    private async Task WaitHealthyAsync(TimeSpan timeout)
    {
        using var http = new HttpClient { BaseAddress = BaseUrl, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The Server exited while starting:\n{_process.RecentOutput}");
            }
            try
            {
                using var response = await http.GetAsync("api/health");
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }
            await Task.Delay(200);
        }
        throw new TimeoutException($"The Server was not healthy within {timeout}:\n{_process.RecentOutput}");
    }
}
