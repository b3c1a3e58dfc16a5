using Microsoft.Playwright;

namespace GenImageFactory.Server.Tests.Support;

/// <summary>
/// Debian's Chromium, headless, driven by Playwright for .NET; one per test class (a class fixture), each test in a
/// fresh browser context of its own, so no cookie or storage passes from one test to the next, and the browser's
/// start (seconds of CPU on a 2-core machine) is paid once. .ci/run installs the <c>chromium</c> package; the flags
/// keep it from reaching for Google's hosts on a machine without internet.
/// </summary>
public sealed class Browser : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private IPlaywright _playwright = null!;
    private IBrowser _browser = null!;

    public static string ScreenshotsFolder { get; } = Directory.CreateDirectory(Path.Combine(Local.RepositoryPaths.Root, "artifacts", "screenshots")).FullName;

    public async Task InitializeAsync()
    {
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
        });
    }

    /// <summary>A page in a new browser context; disposing the context closes it.</summary>
    public async Task<(IBrowserContext Context, IPage Page)> NewPageAsync(BrowserNewContextOptions options)
    {
        var context = await _browser.NewContextAsync(options);
        return (context, await context.NewPageAsync());
    }

    public async Task DisposeAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
    }
}
