using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using GenImageFactory.Local;
using GenImageFactory.Server.Tests.Support;

namespace GenImageFactory.Server.Tests;

/// <summary>A web page the operator visits cannot use the local Server: foreign hosts, foreign origins and non-JSON bodies are refused.</summary>
public class CrossSiteDefenceTests(ApiOnlyFixture factory) : IClassFixture<ApiOnlyFixture>
{
    private static readonly string JobBody = """{"configuration":{"keywords":"red barn","parameters":{"count":1}}}""";

    private async Task<int> JobCountAsync() => await StoredJob.CountAsync(factory.Tables, "Jobs");

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData("multipart/form-data; boundary=x")]
    [InlineData("application/json; charset=utf-16")]
    [InlineData("application/json; charset=iso-8859-1")]
    [InlineData("application/json; charset=utf-8; charset=utf-16")]
    [InlineData("application/json; charset")]
    [InlineData(null)]
    public async Task StartJob_WithABodyThatIsNotDeclaredJson_Is415_AndNothingIsWritten(string? contentType)
    {
        var before = await JobCountAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/jobs") { Content = new ByteArrayContent(Encoding.UTF8.GetBytes(JobBody)) };
        if (contentType is not null)
        {
            request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        }

        using var response = await factory.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Content-Type", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").EnumerateObject().Select(e => e.Name));
        Assert.Equal(before, await JobCountAsync());
    }

    /// <summary>A compressed body is refused for what it is (its encoding), not read as JSON that is not; "identity" is no encoding.</summary>
    [Theory]
    [InlineData("gzip", HttpStatusCode.UnsupportedMediaType)]
    [InlineData("identity, br", HttpStatusCode.UnsupportedMediaType)]
    [InlineData("identity", HttpStatusCode.Accepted)]
    public async Task StartJob_WithACompressedBody_Is415NamingTheEncoding(string encoding, HttpStatusCode expected)
    {
        var before = await JobCountAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/jobs") { Content = new StringContent(JobBody, Encoding.UTF8, "application/json") };
        request.Content.Headers.TryAddWithoutValidation("Content-Encoding", encoding);

        using var response = await factory.Http.SendAsync(request);

        Assert.Equal(expected, response.StatusCode);
        if (expected == HttpStatusCode.UnsupportedMediaType)
        {
            Assert.Contains("Content-Encoding", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").EnumerateObject().Select(e => e.Name));
            Assert.Equal(before, await JobCountAsync());
        }
    }

    [Fact]
    public async Task StartJob_AsJsonWithCharset_IsAccepted()
    {
        using var response = await factory.Http.PostAsync("api/jobs", new StringContent(JobBody, Encoding.UTF8, "application/json"));
        using var quoted = new HttpRequestMessage(HttpMethod.Post, "api/jobs") { Content = new ByteArrayContent(Encoding.UTF8.GetBytes(JobBody)) };
        quoted.Content.Headers.TryAddWithoutValidation("Content-Type", "application/json; charset=\"UTF-8\"");
        using var quotedResponse = await factory.Http.SendAsync(quoted);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, quotedResponse.StatusCode);
    }

    [Theory]
    [InlineData("GET", "api/jobs")]
    [InlineData("GET", "api/health")]
    [InlineData("GET", "")]
    [InlineData("POST", "api/jobs")]
    public async Task AnyRequest_ForAHostThisServerIsNotServing_IsRefused(string method, string path)
    {
        var before = await JobCountAsync();
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        request.Headers.Host = "rebound.attacker.example";
        if (method == "POST")
        {
            request.Content = new StringContent(JobBody, Encoding.UTF8, "application/json");
        }

        using var response = await factory.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("rebound.attacker.example", await response.Content.ReadAsStringAsync());
        Assert.Equal(before, await JobCountAsync());
    }

    [Fact]
    public async Task StartJob_FromAPageOfAnotherSite_IsRefused_FromThisServersOwnPage_IsAccepted()
    {
        var before = await JobCountAsync();
        using var foreign = new HttpRequestMessage(HttpMethod.Post, "api/jobs") { Content = new StringContent(JobBody, Encoding.UTF8, "application/json") };
        foreign.Headers.Add("Origin", "https://evil.example");
        using var own = new HttpRequestMessage(HttpMethod.Post, "api/jobs") { Content = new StringContent(JobBody, Encoding.UTF8, "application/json") };
        own.Headers.Add("Origin", factory.Http.BaseAddress!.GetLeftPart(UriPartial.Authority));

        using var refused = await factory.Http.SendAsync(foreign);
        var afterRefusal = await JobCountAsync();
        using var accepted = await factory.Http.SendAsync(own);

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal(before, afterRefusal);
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
    }
}

/// <summary>Bound to every interface, with an extra host name allowed: the setting widens the hosts; emulators stay loopback-only.</summary>
public sealed class WideHostsFixture : ApiOnlyFixture
{
    public const string ExtraHost = "factory.lan";

    protected override void Configure(IDictionary<string, string?> settings)
    {
        base.Configure(settings);
        settings["AllowedHosts"] = ExtraHost;
    }

    protected override string ListenAddress(int port) => $"http://0.0.0.0:{port}";
}

public class AllowedHostsTests(WideHostsFixture factory) : IClassFixture<WideHostsFixture>
{
    [Fact]
    public async Task AHostNamedInAllowedHosts_IsServed()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "api/health");
        request.Headers.Host = WideHostsFixture.ExtraHost;

        using var response = await factory.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task TheEmbeddedEmulators_RefuseACallerFromAnotherAddress_AndAnswerLoopback()
    {
        var lan = NetworkInterface.GetAllNetworkInterfaces()
            .Where(n => n.OperationalStatus == OperationalStatus.Up && n.NetworkInterfaceType != NetworkInterfaceType.Loopback)
            .SelectMany(n => n.GetIPProperties().UnicastAddresses)
            .Select(a => a.Address)
            .First(a => a.AddressFamily == AddressFamily.InterNetwork && !IPAddress.IsLoopback(a));
        var port = factory.Http.BaseAddress!.Port;
        using var remote = new HttpClient { BaseAddress = new Uri($"http://{lan}:{port}/") };
        using var request = new HttpRequestMessage(HttpMethod.Get, "emulators/piapi/api/v1/task/x");
        request.Headers.Host = WideHostsFixture.ExtraHost;
        request.Headers.Add("x-api-key", "emulator-key");

        using var fromLan = await remote.SendAsync(request);
        using var fromLoopback = await factory.Http.GetAsync("emulators/piapi/images/x/0.png");

        Assert.Equal(HttpStatusCode.Forbidden, fromLan.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, fromLoopback.StatusCode);
    }
}
