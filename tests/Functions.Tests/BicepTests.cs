using System.Diagnostics;
using System.Reflection;
using GenImageFactory.Local;

namespace GenImageFactory.Functions.Tests;

/// <summary>infra/main.bicep compiles with the Bicep CLI from NuGet (Azure.Bicep.CommandLine.linux-x64): no errors, no warnings.</summary>
public class BicepTests
{
    private const string BicepVersion = "0.49.2";

    private static string BicepExecutable()
    {
        var root = typeof(BicepTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "NuGetPackageRoot").Value!;
        var path = Path.Combine(root, "azure.bicep.commandline.linux-x64", BicepVersion, "tools", "bicep");
        Assert.True(File.Exists(path), $"the Bicep CLI is not at {path} (restore downloads it)");
        // NuGet does not keep the executable bit of files it extracts (the package is Linux-only, like this check).
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, File.GetUnixFileMode(path) | UnixFileMode.UserExecute);
        }
        return path;
    }

    [Fact]
    public async Task MainBicep_Compiles_WithoutErrorsOrWarnings()
    {
        var start = new ProcessStartInfo(BicepExecutable(), ["build", Path.Combine(RepositoryPaths.Root, "infra", "main.bicep"), "--stdout"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var bicep = Process.Start(start)!;
        var template = bicep.StandardOutput.ReadToEndAsync();
        var diagnostics = bicep.StandardError.ReadToEndAsync();
        await bicep.WaitForExitAsync();

        Assert.Equal("", (await diagnostics).Trim());
        Assert.Equal(0, bicep.ExitCode);
        Assert.Contains("Microsoft.Web/sites", await template);
        Assert.Contains("apiBaseUrl", await template);
    }
}
