using System.Net;
using System.Text.Json;
using GenImageFactory.Server.Tests.Support;

namespace GenImageFactory.Server.Tests;

public sealed class ApiKeyFixture : FactoryFixture
{
    public const string Key = "local-key-5d1c";

    protected override void Configure(IDictionary<string, string?> settings) => settings["Api:Key"] = Key;
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
}
