namespace GenImageFactory.Local;

/// <summary>
/// Azurite (from the repository's node_modules) on loopback ports, started and stopped by us.
/// <c>--skipApiVersionCheck</c>: the Azure SDK sends a newer API version than Azurite 3.37 knows.
/// Besides the emulator's own <c>devstoreaccount1</c> it can serve further storage accounts (Azurite's
/// <c>AZURITE_ACCOUNTS</c>), each with its own tables, queues and blobs: several tests share one process that way.
/// </summary>
public sealed class AzuriteProcess : IAsyncDisposable
{
    public const string DefaultAccount = "devstoreaccount1";
    private const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";
    private readonly ChildProcess _process;

    private AzuriteProcess(ChildProcess process, int blobPort, int queuePort, int tablePort)
    {
        _process = process;
        BlobPort = blobPort;
        QueuePort = queuePort;
        TablePort = tablePort;
    }

    public int BlobPort { get; }
    public int QueuePort { get; }
    public int TablePort { get; }

    /// <summary>A full connection string for these ports (it selects non-default ports), to <c>devstoreaccount1</c>.</summary>
    public string ConnectionString => ConnectionStringFor(DefaultAccount);

    /// <summary>A full connection string to one of the accounts this process serves.</summary>
    public string ConnectionStringFor(string account) =>
        $"DefaultEndpointsProtocol=http;AccountName={account};AccountKey={AccountKey};" +
        $"BlobEndpoint=http://127.0.0.1:{BlobPort}/{account};" +
        $"QueueEndpoint=http://127.0.0.1:{QueuePort}/{account};" +
        $"TableEndpoint=http://127.0.0.1:{TablePort}/{account};";

    public ChildProcess Process => _process;

    /// <param name="dataFolder">Where to keep data; null keeps it in memory (tests).</param>
    /// <param name="debugLog">Azurite's request log, for counting storage requests.</param>
    /// <param name="preferDefaultPorts">Use 10000-10002 when they are free (so <c>UseDevelopmentStorage=true</c> works too).</param>
    /// <param name="accounts">Storage accounts served besides <c>devstoreaccount1</c> (lowercase letters and digits, 3-24).</param>
    public static async Task<AzuriteProcess> StartAsync(string? dataFolder = null, string? debugLog = null, bool preferDefaultPorts = false,
        IReadOnlyCollection<string>? accounts = null)
    {
        if (!File.Exists(RepositoryPaths.AzuriteExecutable))
        {
            throw new FileNotFoundException($"Azurite is not installed at {RepositoryPaths.AzuriteExecutable}; run 'npm ci' in {RepositoryPaths.Root}.");
        }

        // A port found free can be taken by another process (a test's Server picking a free port too) before Azurite
        // binds it: that process then answers on it while Azurite exits. Such a start is tried again on other ports.
        for (var attempt = 1; ; attempt++)
        {
            var useDefaults = attempt == 1 && preferDefaultPorts && new[] { 10000, 10001, 10002 }.All(FreePorts.IsFree);
            var (blob, queue, table) = useDefaults ? (10000, 10001, 10002) : (FreePorts.Next(), FreePorts.Next(), FreePorts.Next());
            AzuriteProcess azurite;
            try
            {
                azurite = await StartOnAsync(blob, queue, table, dataFolder, debugLog, accounts);
            }
            catch (InvalidOperationException) when (attempt < 3)
            {
                // It exited before listening (a port taken as it bound): other ports.
                continue;
            }
            if (await azurite.AnswersOnEveryPortAsync())
            {
                return azurite;
            }
            var output = azurite._process.RecentOutput;
            await azurite.DisposeAsync();
            if (attempt == 3)
            {
                throw new InvalidOperationException($"Azurite did not start: another process answered on one of its ports three times.\n{output}");
            }
        }
    }

    private static async Task<AzuriteProcess> StartOnAsync(int blob, int queue, int table, string? dataFolder, string? debugLog, IReadOnlyCollection<string>? accounts)
    {
        var arguments = new List<string>
        {
            "--blobHost", "127.0.0.1", "--blobPort", $"{blob}",
            "--queueHost", "127.0.0.1", "--queuePort", $"{queue}",
            "--tableHost", "127.0.0.1", "--tablePort", $"{table}",
            "--skipApiVersionCheck", "--loose", "--silent",
            // Azurite reports usage to Microsoft unless told not to. Off, the Server's test suite ran about a minute
            // faster on two cores, its many short-lived Azurite processes using 30% less CPU.
            "--disableTelemetry",
        };
        if (dataFolder is null)
        {
            arguments.Add("--inMemoryPersistence");
        }
        else
        {
            Directory.CreateDirectory(dataFolder);
            arguments.AddRange(["--location", dataFolder]);
        }
        if (debugLog is not null)
        {
            arguments.AddRange(["--debug", debugLog]);
        }

        // Azurite serves only the accounts this variable names once it is set, so the default one is named too.
        var environment = accounts is { Count: > 0 }
            ? new Dictionary<string, string?> { ["AZURITE_ACCOUNTS"] = string.Join(';', accounts.Prepend(DefaultAccount).Distinct().Select(a => $"{a}:{AccountKey}")) }
            : null;
        var process = ChildProcess.Start(RepositoryPaths.AzuriteExecutable, arguments, environment);
        var azurite = new AzuriteProcess(process, blob, queue, table);
        try
        {
            foreach (var port in new[] { blob, queue, table })
            {
                await FreePorts.WaitForListenerAsync(port, TimeSpan.FromSeconds(60), () => !process.HasExited);
            }
        }
        catch (Exception ex)
        {
            var output = process.RecentOutput;
            await azurite.DisposeAsync();
            throw new InvalidOperationException($"Azurite did not start: {ex.Message}\n{output}", ex);
        }
        return azurite;
    }

    /// <summary>Whether this process is still running and each of its ports answers as Azurite (its <c>Server</c> header).</summary>
    private async Task<bool> AnswersOnEveryPortAsync()
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        foreach (var port in new[] { BlobPort, QueuePort, TablePort })
        {
            try
            {
                using var response = await http.GetAsync($"http://127.0.0.1:{port}/");
                if (!response.Headers.Server.ToString().StartsWith("Azurite", StringComparison.Ordinal))
                {
                    return false;
                }
            }
            catch (HttpRequestException)
            {
                return false;
            }
        }
        return !_process.HasExited;
    }

    public ValueTask DisposeAsync() => _process.DisposeAsync();
}
