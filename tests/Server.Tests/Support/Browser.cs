using Microsoft.Playwright;

namespace GenImageFactory.Server.Tests.Support;

/// <summary>
/// Debian's Chromium, headless, driven by Playwright for .NET. .ci/run installs the <c>chromium</c> package;
/// the flags keep it from reaching for Google's hosts on a machine without internet.
/// </summary>
public static class Browser
{
    public const string ChromiumPath = "/usr/bin/chromium";

    public static string ScreenshotsFolder { get; } = Directory.CreateDirectory(Path.Combine(Local.RepositoryPaths.Root, "artifacts", "screenshots")).FullName;

    public static async Task<(IPlaywright Playwright, IBrowser Browser)> LaunchAsync()
    {
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
        });
        return (playwright, browser);
    }
}
