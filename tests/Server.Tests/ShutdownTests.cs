using System.Diagnostics;
using System.Globalization;
using GenImageFactory.Local;
using GenImageFactory.Server.Tests.Support;

namespace GenImageFactory.Server.Tests;

/// <summary>A Server asked to stop (SIGTERM, as a container orchestrator asks) stops, whatever state storage is in.</summary>
[LongRunning(30)]
public class ShutdownTests
{
    private const int ShutdownSeconds = 5;

    [Fact]
    public async Task Sigterm_WithStorageGone_ExitsWithinTheHostsShutdownTime()
    {
        await using var azurite = await AzuriteProcess.StartAsync();
        await using var server = await ServerProcess.StartAsync(new Dictionary<string, string?>
        {
            ["ConnectionStrings__Storage"] = azurite.ConnectionString,
            ["Durable__TaskHub"] = "Shutdown" + Guid.NewGuid().ToString("N")[..12],
            ["DOTNET_shutdownTimeoutSeconds"] = ShutdownSeconds.ToString(CultureInfo.InvariantCulture),
        });

        // Storage goes away under a running worker: its lease loop now retries for ever.
        await azurite.Process.KillAsync();
        Process.Start("kill", ["-TERM", server.Process.Id.ToString(CultureInfo.InvariantCulture)])!.WaitForExit();

        // The durable worker's own stop never ends here; the process must not wait for it past the shutdown time.
        await Eventually.TrueAsync(() => Task.FromResult(server.Process.HasExited), TimeSpan.FromSeconds(60),
            $"the Server exits after SIGTERM with storage gone; its last output:\n{server.Process.RecentOutput}");
    }
}
