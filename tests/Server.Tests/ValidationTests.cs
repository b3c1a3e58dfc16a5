using System.Net;
using System.Text;
using System.Text.Json;
using GenImageFactory.Server.Tests.Support;

namespace GenImageFactory.Server.Tests;

/// <summary>Bad input gets a 400 problem document naming the field, and nothing is written anywhere.</summary>
public class ValidationTests(ApiOnlyFixture factory) : IClassFixture<ApiOnlyFixture>
{
    public static TheoryData<string, string> MalformedStartRequests => new()
    {
        { "not json at all", "body" },
        { "", "body" },
        { "[1,2,3]", "body" },
        { """{"configuration":{"keywords":"cat"},"configuration":{}}""", "configuration" },
        { """{"configuration":{"parameters":{"count":1,"count":2500}}}""", "configuration.parameters.count" },
        { """{"configuration":{"keywords":"cat\ud800"}}""", "configuration.keywords" },
        { """{"configuration":{"parameters":{"aspectRatios":["1:1","\udc00"]}}}""", "configuration.parameters.aspectRatios[1]" },
        { """["\ud800"]""", "body[0]" },
        { "{}", "configuration" },
        { """{"configuration":{},"configurationId":"x"}""", "configuration" },
        { """{"configuration":"a string"}""", "configuration" },
        { """{"configuration":{"parameters":{"count":0}}}""", "configuration.parameters.count" },
        { """{"configuration":{"parameters":{"count":2501}}}""", "configuration.parameters.count" },
        { """{"configuration":{"parameters":{"count":"ten"}}}""", "configuration.parameters.count" },
        { """{"configuration":{"parameters":{"aspectRatios":"16-9"}}}""", "configuration.parameters.aspectRatios" },
        { """{"configuration":{"parameters":{"aspectRatios":["1:1","0:5"]}}}""", "configuration.parameters.aspectRatios" },
        { """{"configuration":{"parameters":{"aspectRatios":"101:1"}}}""", "configuration.parameters.aspectRatios" },
        { """{"configuration":{"parameters":{"aspectRatios":[]}}}""", "configuration.parameters.aspectRatios" },
        { """{"configuration":{"parameters":{"provider":"midjourney"}}}""", "configuration.parameters.provider" },
        { """{"configuration":{"parameters":{"processMode":"slow"}}}""", "configuration.parameters.processMode" },
        { """{"configuration":{"parameters":{"pollingIntervalSeconds":0}}}""", "configuration.parameters.pollingIntervalSeconds" },
        { """{"configuration":{"parameters":{"pollingTimeoutMinutes":301}}}""", "configuration.parameters.pollingTimeoutMinutes" },
        { """{"configuration":{"parameters":{"generationRetryAttempts":6}}}""", "configuration.parameters.generationRetryAttempts" },
        { """{"configuration":{"parameters":{"generationRetryBackoffMs":-1}}}""", "configuration.parameters.generationRetryBackoffMs" },
        { """{"configuration":{"parameters":{"maxConcurrency":0}}}""", "configuration.parameters.maxConcurrency" },
        { """{"configuration":{"parameters":{"maxConcurrency":1001}}}""", "configuration.parameters.maxConcurrency" },
        { """{"configuration":{"parameters":{"maxConcurrency":"two"}}}""", "configuration.parameters.maxConcurrency" },
        { """{"configuration":{"parameters":"count=3"}}""", "configuration.parameters" },
        { """{"configuration":{"processing":{"jpgQuality":0}}}""", "configuration.processing.jpgQuality" },
        { """{"configuration":{"processing":{"saturation":2.5}}}""", "configuration.processing.saturation" },
        { """{"configuration":{"processing":{"convertTo":"gif"}}}""", "configuration.processing.convertTo" },
        { """{"configuration":{"ai":{"runQualityCheck":"yes"}}}""", "configuration.ai.runQualityCheck" },
        { """{"configuration":{"keywordRandom":1}}""", "configuration.keywordRandom" },
        { """{"configuration":{"keywords":"Subject,Style\ncat,oil","systemPrompt":"${{Subject}} ${{Colour}}"}}""", "configuration.systemPrompt" },
        { """{"configuration":{"keywordsFormat":"csv","keywords":"Subject\n\"open","systemPrompt":"${{Subject}}"}}""", "configuration.keywords" },
        { """{"configuration":{"keywords":42}}""", "configuration.keywords" },
        { """{"configuration":{"parameters":{"label":"bell\u0007 rings"}}}""", "configuration.parameters.label" },
        { """{"configuration":{"parameters":{"aspectRatios":[""" + string.Join(",", Enumerable.Repeat("\"1:1\"", 101)) + "]}}}", "configuration.parameters.aspectRatios" },
    };

    [Theory]
    [MemberData(nameof(MalformedStartRequests))]
    public async Task StartJob_MalformedRequest_Gets400NamingTheField_AndWritesNothing(string body, string field)
    {
        using var response = await factory.Http.PostAsync("api/jobs", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(400, problem.GetProperty("status").GetInt32());
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"expected an error for '{field}' in {problem}");
        Assert.Equal(0, await StoredJob.CountAsync(factory.Tables, "Jobs"));
        Assert.Equal(0, await StoredJob.CountAsync(factory.Tables, "Images"));
    }

    [Fact]
    public async Task StartJob_KeywordsOver1MiB_Gets400()
    {
        var body = JsonSerializer.Serialize(new { configuration = new { keywords = new string('k', 1024 * 1024 + 10) } });

        using var response = await factory.Http.PostAsync("api/jobs", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty("configuration.keywords", out _), problem.ToString());
        Assert.Equal(0, await StoredJob.CountAsync(factory.Tables, "Jobs"));
    }

    [Theory]
    [InlineData("api/jobs?limit=0", "limit")]
    [InlineData("api/jobs?limit=101", "limit")]
    [InlineData("api/jobs?limit=x", "limit")]
    [InlineData("api/jobs?continuation=%%%", "continuation")]
    [InlineData("api/jobs?continuation=AAAA", "continuation")]
    [InlineData("api/images?continuation=AAAA", "continuation")]
    // Dates are ISO 8601's extended form only: a culture's reading ("11/29/2026" as month first), a number, or a repeated
    // parameter (bound as "a,b") is refused, not read as some date.
    [InlineData("api/jobs?from=11/29/2026", "from")]
    [InlineData("api/jobs?from=2.5", "from")]
    [InlineData("api/jobs?from=Nov%205", "from")]
    [InlineData("api/jobs?from=2026-11-25&from=2026-11-26", "from")]
    [InlineData("api/jobs?to=2026-11-25T10:00:00Z%0A", "to")]
    public async Task ListJobs_BadQuery_Gets400NamingTheParameter(string url, string field)
    {
        using var response = await factory.Http.GetAsync(url);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out var messages), problem.ToString());
        // Said to the caller in the API's words, not an exception's (no "(Parameter 'token')").
        Assert.DoesNotContain("Parameter", messages.ToString());
    }

    /// <summary>Each search word goes into the index's queries, whose URL length storage bounds: a long query is refused before.</summary>
    [Theory]
    [InlineData("api/images")]
    [InlineData("api/images/export.zip")]
    [InlineData("api/images/export.csv")]
    public async Task ImageSearch_LongerThanItsLimit_Gets400NamingQ(string route)
    {
        using var words = await factory.Http.GetAsync($"{route}?q={new string('a', 2000)}");
        using var wide = await factory.Http.GetAsync($"{route}?q={Uri.EscapeDataString(new string('中', 250))}");
        using var fits = await factory.Http.GetAsync($"{route}?q={Uri.EscapeDataString(new string('中', 100))}");

        foreach (var response in new[] { words, wide })
        {
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
            Assert.True(problem.GetProperty("errors").TryGetProperty("q", out _), problem.ToString());
        }
        Assert.Equal(HttpStatusCode.OK, fits.StatusCode);
    }

    /// <summary>Each way a new label can be wrong is said as it is, naming the label.</summary>
    [Theory]
    [InlineData("""{"label":"a\u0000b"}""", "control characters")]
    [InlineData("""{"label":"\ud800x"}""", "lone surrogate")]
    [InlineData("""{"label":"   "}""", "not only spaces")]
    [InlineData("""{"label":5}""", "a string of 1-200")]
    [InlineData("""{}""", "a string of 1-200")]
    public async Task RenameJob_WithABadLabel_Gets400NamingTheLabel_AndWhy(string body, string why)
    {
        using var response = await factory.Http.PatchAsync("api/jobs/20261127-000000-abcdef12", new StringContent(body, Encoding.UTF8, "application/json"));
        using var tooLong = await factory.Http.PatchAsJsonAsync("api/jobs/20261127-000000-abcdef12", new { label = new string('x', 201) });

        foreach (var (answer, expected) in new[] { (response, why), (tooLong, "at most 200") })
        {
            Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
            var problem = await answer.Content.ReadFromJsonAsync<JsonElement>();
            Assert.True(problem.GetProperty("errors").TryGetProperty("label", out var messages), problem.ToString());
            Assert.Contains(expected, messages.ToString(), StringComparison.OrdinalIgnoreCase);
        }
    }

    /// <summary>Text that is not Unicode, or a name given twice, is named where it stands, on every route that reads a body.</summary>
    [Theory]
    [InlineData("api/configurations", """{"name":"n","keywords":"\udc00"}""", "keywords")]
    [InlineData("api/jobs/estimate", """{"configuration":{"systemPrompt":"x\ud800y"}}""", "configuration.systemPrompt")]
    [InlineData("api/schedules", """{"configurationId":"a","configurationId":"b","cron":"0 6 * * *"}""", "configurationId")]
    [InlineData("api/images/retry", """{"ids":["x","\ud800"],"settings":"original"}""", "ids[1]")]
    public async Task ABodyWithUnreadableText_Gets400NamingTheField(string route, string body, string field)
    {
        using var response = await factory.Http.PostAsync(route, new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"expected an error for '{field}' in {problem}");
    }

    /// <summary>Generated clients send JSON <c>null</c> for an optional body left out: it reads as no body (404 here, not 400).</summary>
    [Fact]
    public async Task Rerun_WithTheBodyNull_IsARerunWithoutChanges()
    {
        using var response = await factory.Http.PostAsync("api/jobs/20261127-000000-abcdef12/rerun", new StringContent("null", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Rerun_WithParametersNull_ReadsThemAsDefaults_AndAnswersForTheJob()
    {
        using var response = await factory.Http.PostAsync("api/jobs/20261127-000000-abcdef12/rerun", new StringContent("""{"configuration":{"keywords":"a","parameters":null}}""", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Estimate_CountsTasksImagesAndModelCalls_AndWritesNothing()
    {
        var configuration = new { configuration = new { parameters = new { count = 10, generationRetryAttempts = 2 }, ai = new { runMetadataGen = false } } };

        var estimate = await (await factory.Http.PostAsJsonAsync("api/jobs/estimate", configuration)).Content.ReadFromJsonAsync<JsonElement>();
        using var invalid = await factory.Http.PostAsJsonAsync("api/jobs/estimate", new { configuration = new { parameters = new { count = 0 } } });

        Assert.Equal((10, 10, 30, 40), (estimate.GetProperty("generations").GetInt32(), estimate.GetProperty("providerTasks").GetInt32(),
            estimate.GetProperty("maxProviderTasks").GetInt32(), estimate.GetProperty("expectedImages").GetInt32()));
        Assert.Equal((10, 40, 0, 50), (estimate.GetProperty("promptCalls").GetInt32(), estimate.GetProperty("qualityCheckCalls").GetInt32(),
            estimate.GetProperty("metadataCalls").GetInt32(), estimate.GetProperty("modelCalls").GetInt32()));
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        Assert.Equal(0, await StoredJob.CountAsync(factory.Tables, "Jobs"));
    }

    [Fact]
    public async Task OpenApiDocument_DescribesTheRoutes()
    {
        var document = await factory.Http.GetFromJsonAsync<JsonElement>("api/openapi.json");

        var paths = document.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Contains("/api/jobs", paths);
        Assert.Contains("/api/jobs/{id}", paths);
        Assert.Contains("/api/configurations/{id}", paths);
        Assert.Contains("/api/health", paths);
        Assert.DoesNotContain(paths, p => p.StartsWith("/emulators", StringComparison.Ordinal));
    }

    /// <summary>What a generated client meets besides success: each problem status an operation answers, the Location of what it started, and nulls in answers.</summary>
    [Fact]
    public async Task OpenApiDocument_SaysTheProblemsLocationsAndNullsClientsMeet()
    {
        var document = await factory.Http.GetFromJsonAsync<JsonElement>("api/openapi.json");
        var paths = document.GetProperty("paths");
        List<string> Statuses(string path, string method) =>
            paths.GetProperty(path).GetProperty(method).GetProperty("responses").EnumerateObject().Select(r => r.Name).ToList();

        Assert.Contains("404", Statuses("/api/jobs/{id}", "get"));
        Assert.Contains("409", Statuses("/api/jobs/{id}", "delete"));
        Assert.Contains("412", Statuses("/api/configurations/{id}", "put"));
        Assert.Superset(new HashSet<string> { "400", "413", "415" }, Statuses("/api/jobs", "post").ToHashSet());
        var started = paths.GetProperty("/api/jobs").GetProperty("post").GetProperty("responses").GetProperty("202");
        Assert.True(started.GetProperty("headers").TryGetProperty("Location", out _), started.ToString());
        var logs = paths.GetProperty("/api/jobs/{id}/logs").GetProperty("get").GetProperty("responses").GetProperty("200").GetProperty("content");
        Assert.True(logs.TryGetProperty("text/plain", out _), logs.ToString());
        // An image that failed its check has "metadata": null.
        var metadata = document.GetProperty("components").GetProperty("schemas").GetProperty("ImageResponse").GetProperty("properties").GetProperty("metadata");
        Assert.Contains("\"null\"", metadata.ToString());

        // What generated clients met undeclared: a saved configuration that is not there, a webhook's refused secret,
        // cross-site refusals, and a 401's problem document.
        Assert.Contains("404", Statuses("/api/jobs", "post"));
        Assert.Superset(new HashSet<string> { "401", "403", "415" }, Statuses("/api/jobs/{id}/cancel", "post").ToHashSet());
        var unauthorized = paths.GetProperty("/api/jobs").GetProperty("get").GetProperty("responses").GetProperty("401");
        Assert.True(unauthorized.GetProperty("content").TryGetProperty("application/problem+json", out _), unauthorized.ToString());
        var webhook = paths.GetProperty("/api/webhooks/{provider}").GetProperty("post").GetProperty("responses");
        Assert.True(webhook.TryGetProperty("401", out _), webhook.ToString());
        Assert.False(webhook.GetProperty("202").TryGetProperty("headers", out _), "a provider's call answers 202 with no Location");
    }

    [Fact]
    public async Task OpenApiDocument_TypesPagingDatesAndVersions()
    {
        var document = await factory.Http.GetFromJsonAsync<JsonElement>("api/openapi.json");
        var paths = document.GetProperty("paths");
        JsonElement Parameter(string path, string method, string name) =>
            paths.GetProperty(path).GetProperty(method).GetProperty("parameters").EnumerateArray().Single(p => p.GetProperty("name").GetString() == name);

        foreach (var path in new[] { "/api/jobs", "/api/configurations", "/api/images", "/api/jobs/{id}/images", "/api/schedules" })
        {
            var limit = Parameter(path, "get", "limit").GetProperty("schema");
            Assert.Equal("integer", limit.GetProperty("type").GetString());
            Assert.Equal(100, limit.GetProperty("maximum").GetInt32());
        }
        Assert.Equal("date-time", Parameter("/api/jobs", "get", "from").GetProperty("schema").GetProperty("format").GetString());
        Assert.Equal("header", Parameter("/api/configurations/{id}", "put", "If-Match").GetProperty("in").GetString());
        Assert.Equal("header", Parameter("/api/configurations/{id}", "delete", "If-Match").GetProperty("in").GetString());
        var read = paths.GetProperty("/api/configurations/{id}").GetProperty("get").GetProperty("responses").GetProperty("200");
        Assert.True(read.GetProperty("headers").TryGetProperty("ETag", out _), read.ToString());
        // Counts are numbers, also inside maps.
        var byStatus = document.GetProperty("components").GetProperty("schemas").GetProperty("StatsResponse")
            .GetProperty("properties").GetProperty("jobsByStatus").GetProperty("additionalProperties");
        Assert.Equal("integer", byStatus.GetProperty("type").GetString());
    }

    public static TheoryData<string, string> OverlongUrls => new()
    {
        { "GET", "api/jobs/" + new string('a', 9_000) },
        { "GET", "api/jobs?status=" + new string('b', 20_000) },
        { "POST", "api/jobs?x=" + new string('c', 100_000) },
        { "DELETE", "api/images/" + new string('d', 9_000) },
    };

    [Theory]
    [MemberData(nameof(OverlongUrls))]
    public async Task AnOverlongUrl_Gets414NamingTheUrl_AndWritesNothing(string method, string url)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), url);
        if (method == "POST")
        {
            request.Content = new StringContent("""{"configuration":{"keywords":"cat"}}""", Encoding.UTF8, "application/json");
        }

        using var response = await factory.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestUriTooLong, response.StatusCode);
        await AssertRefusalNamesAsync(response, "url");
        Assert.Equal(0, await StoredJob.CountAsync(factory.Tables, "Jobs"));
    }

    [Fact]
    public async Task AUrlJustUnderTheLimit_IsAnsweredByItsRoute()
    {
        using var response = await factory.Http.GetAsync("api/jobs?status=" + new string('b', RequestSizeLimits.MaxTargetLength - 40));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        await AssertRefusalNamesAsync(response, "status");
    }

    [Fact]
    public async Task OverlargeHeaders_Get431NamingTheLargest_AndTooManyFieldsNameTheHeaders()
    {
        using var large = new HttpRequestMessage(HttpMethod.Get, "api/jobs");
        large.Headers.Add("X-Large", new string('e', 40_000));
        using var many = new HttpRequestMessage(HttpMethod.Get, "api/jobs");
        for (var i = 0; i < RequestSizeLimits.MaxHeaderCount + 20; i++)
        {
            many.Headers.Add($"X-Field-{i}", "v");
        }

        using var largeResponse = await factory.Http.SendAsync(large);
        using var manyResponse = await factory.Http.SendAsync(many);

        Assert.Equal(HttpStatusCode.RequestHeaderFieldsTooLarge, largeResponse.StatusCode);
        await AssertRefusalNamesAsync(largeResponse, "X-Large");
        Assert.Equal(HttpStatusCode.RequestHeaderFieldsTooLarge, manyResponse.StatusCode);
        await AssertRefusalNamesAsync(manyResponse, "headers");
    }

    private static async Task AssertRefusalNamesAsync(HttpResponseMessage response, string field)
    {
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal((int)response.StatusCode, problem.GetProperty("status").GetInt32());
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"expected an error for '{field}' in {problem}");
    }
}
