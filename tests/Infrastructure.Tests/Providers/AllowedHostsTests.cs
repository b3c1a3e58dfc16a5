using GenImageFactory.Infrastructure.Providers;

namespace GenImageFactory.Infrastructure.Tests.Providers;

public class AllowedHostsTests
{
    private static readonly string[] Patterns = ["img.theapi.app", "*.piapi.ai"];

    [Theory]
    [InlineData("https://img.theapi.app/a.png", true)]
    [InlineData("https://IMG.theapi.app/a.png", true)]
    [InlineData("https://cdn.piapi.ai/a.png", true)]
    [InlineData("https://a.b.piapi.ai/a.png", true)]
    [InlineData("https://piapi.ai/a.png", false)]
    [InlineData("https://evilpiapi.ai/a.png", false)]
    [InlineData("https://img.theapi.app.evil.com/a.png", false)]
    [InlineData("file:///etc/passwd", false)]
    [InlineData("ftp://img.theapi.app/a.png", false)]
    public void Allows_OnlyListedHostsOverHttp(string url, bool allowed) =>
        Assert.Equal(allowed, AllowedHosts.Allows(Patterns, new Uri(url)));
}
