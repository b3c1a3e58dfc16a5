using System.Net;
using System.Text.Json;
using GenImageFactory.Server.Tests.Support;

namespace GenImageFactory.Server.Tests;

public sealed class ApiKeyFixture : ApiOnlyFixture
{
    public const string Key = "local-key-5d1c";

    protected override void Configure(IDictionary<string, string?> settings)
    {
        base.Configure(settings);
        settings["Api:Key"] = Key;
    }
}

public class ApiKeyTests(ApiKeyFixture factory) : IClassFixture<ApiKeyFixture>
{
    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string url, string? key)
    {
        var request = new HttpRequestMessage(method, url);
        if (key is not null)
        {
            request.Headers.Add("x-api-key", key);
        }
        return await factory.Http.SendAsync(request);
    }

    [Fact]
    public async Task OnceSet_EveryApiCallNeedsTheKey_ExceptHealth()
    {
        using var missing = await SendAsync(HttpMethod.Get, "api/jobs", null);
        using var wrong = await SendAsync(HttpMethod.Get, "api/jobs", ApiKeyFixture.Key + "x");
        using var rightKey = await SendAsync(HttpMethod.Get, "api/jobs", ApiKeyFixture.Key);
        using var post = await SendAsync(HttpMethod.Post, "api/configurations", null);
        using var health = await SendAsync(HttpMethod.Get, "api/health", null);

        Assert.Equal(HttpStatusCode.Unauthorized, missing.StatusCode);
        Assert.Equal("application/problem+json", missing.Content.Headers.ContentType?.MediaType);
        Assert.Equal(401, (await missing.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetInt32());
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, post.StatusCode);
        Assert.Equal(HttpStatusCode.OK, rightKey.StatusCode);
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.DoesNotContain(ApiKeyFixture.Key, await missing.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task TheRouteTableDecides_WebhooksNeedNoKey_ButUnknownApiPathsAndTheDocumentDo()
    {
        using var webhook = await SendAsync(HttpMethod.Post, "api/webhooks/piapi", null);
        using var unknown = await SendAsync(HttpMethod.Get, "api/no-such-route", null);
        using var unknownWithKey = await SendAsync(HttpMethod.Get, "api/no-such-route", ApiKeyFixture.Key);
        using var underHealth = await SendAsync(HttpMethod.Get, "api/health/more", null);
        using var document = await SendAsync(HttpMethod.Get, "api/openapi.json", null);

        // The webhook's own handler answers (webhooks are off here), not the key check.
        Assert.Equal(HttpStatusCode.Unauthorized, webhook.StatusCode);
        Assert.NotEqual(KeyRequired, await TitleAsync(webhook));
        Assert.Equal(HttpStatusCode.Unauthorized, unknown.StatusCode);
        Assert.Equal(KeyRequired, await TitleAsync(unknown));
        Assert.Equal(HttpStatusCode.NotFound, unknownWithKey.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, underHealth.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, document.StatusCode);
    }

    private const string KeyRequired = "An API key is required.";

    private static async Task<string?> TitleAsync(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("title").GetString();
}
