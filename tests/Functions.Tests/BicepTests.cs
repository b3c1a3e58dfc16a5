using System.Diagnostics;
using System.Reflection;
using System.Text.Json;
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

    private static async Task<(string Template, string Diagnostics, int ExitCode)> BuildMainAsync()
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
        return (await template, await diagnostics, bicep.ExitCode);
    }

    [Fact]
    public async Task MainBicep_Compiles_WithoutErrorsOrWarnings()
    {
        var (template, diagnostics, exitCode) = await BuildMainAsync();

        Assert.Equal("", diagnostics.Trim());
        Assert.Equal(0, exitCode);
        Assert.Contains("Microsoft.Web/sites", template);
        Assert.Contains("apiBaseUrl", template);
    }

    [Fact]
    public async Task EntraSignIn_IsAParameter_OffByDefault()
    {
        var (template, _, _) = await BuildMainAsync();
        using var document = JsonDocument.Parse(template);

        var parameter = document.RootElement.GetProperty("parameters").GetProperty("enableEntraAuth");
        Assert.False(parameter.GetProperty("defaultValue").GetBoolean());
        Assert.Contains("authsettingsV2", template);
        Assert.Contains("azureActiveDirectory", template);
    }

    [Fact]
    public async Task Hardening_KeyVaultRecovery_AndEntraOnlyTelemetry()
    {
        var (template, _, _) = await BuildMainAsync();
        using var document = JsonDocument.Parse(template);

        Assert.False(document.RootElement.GetProperty("parameters").GetProperty("recoverSoftDeletedKeyVault").GetProperty("defaultValue").GetBoolean());
        Assert.Contains("'recover'", template);
        Assert.Contains("\"DisableLocalAuth\": true", template);
        // Monitoring Metrics Publisher, for the identity the app's telemetry authenticates as.
        Assert.Contains("3913510d-42f4-4e42-8a64-420c390055eb", template);
        Assert.Contains("APPLICATIONINSIGHTS_AUTHENTICATION_STRING", template);
    }

    [Theory]
    [InlineData("piapi", "PiApi")]
    [InlineData("runware", "Runware")]
    public async Task Webhooks_ASecretParameter_SetsTheSecretReferenceAndTheAppsOwnUrl(string provider, string section)
    {
        var (template, _, _) = await BuildMainAsync();
        using var document = JsonDocument.Parse(template);

        var parameter = document.RootElement.GetProperty("parameters").GetProperty($"{provider}WebhookSecret");
        Assert.Equal("securestring", parameter.GetProperty("type").GetString()!.ToLowerInvariant());
        Assert.Equal("", parameter.GetProperty("defaultValue").GetString());
        // The secret goes to the vault and reaches the app as a reference; the base URL only comes with it.
        Assert.Contains($"{provider}-webhook-secret", template);
        Assert.Contains($"Providers__{section}__WebhookSecret", template);
        Assert.Contains($"Providers__{section}__WebhookBaseUrl", template);
        Assert.Contains(".azurewebsites.net/", template);
    }
}
