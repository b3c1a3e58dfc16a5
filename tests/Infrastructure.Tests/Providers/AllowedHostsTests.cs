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
    [InlineData("http://img.theapi.app/a.png", false)]
    [InlineData("http://cdn.piapi.ai/a.png", false)]
    public void Allows_OnlyListedHostsOverHttps(string url, bool allowed) =>
        Assert.Equal(allowed, AllowedHosts.Allows(Patterns, new Uri(url)));

    [Theory]
    [InlineData("http://127.0.0.1:5080/a.png", true)]
    [InlineData("https://127.0.0.1:5080/a.png", true)]
    [InlineData("http://127.0.0.2/a.png", false)]
    public void Allows_PlainHttp_OnlyForAHostListedWithHttp(string url, bool allowed) =>
        Assert.Equal(allowed, AllowedHosts.Allows(["http://127.0.0.1"], new Uri(url)));

    [Fact]
    public void OpenAiImages_DefaultsToOpenAisOwnStorage_NotEveryBlobAccount()
    {
        var hosts = new ProvidersOptions().OpenAIImages.AllowedImageHosts;

        Assert.False(AllowedHosts.Allows(hosts, new Uri("https://attacker.blob.core.windows.net/x.png")));
        Assert.True(AllowedHosts.Allows(hosts, new Uri("https://oaidalleapiprodscus.blob.core.windows.net/x.png")));
    }
}
