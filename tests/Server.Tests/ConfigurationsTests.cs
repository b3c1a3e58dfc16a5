using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using GenImageFactory.Server.Tests.Support;

namespace GenImageFactory.Server.Tests;

public class ConfigurationsTests(FactoryFixture factory) : IClassFixture<FactoryFixture>
{
    private static JsonObject Configuration(string name) => new()
    {
        ["name"] = name,
        ["keywords"] = "red barn\nblue lake",
        ["parameters"] = new JsonObject { ["count"] = 2, ["aspectRatios"] = "16:9", ["pollingIntervalSeconds"] = 1 },
    };

    private async Task<(JsonElement Body, string ETag)> CreateAsync(string name)
    {
        using var response = await factory.Http.PostAsJsonAsync("api/configurations", Configuration(name));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>(), response.Headers.ETag!.ToString());
    }

    [Fact]
    public async Task Create_ThenGet_ReturnsTheNormalisedConfigurationWithIdTimesAndETag()
    {
        var name = $"interiors {Guid.NewGuid():N}";
        using var response = await factory.Http.PostAsJsonAsync("api/configurations", Configuration(name));
        var created = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var id = created.GetProperty("id").GetString();
        Assert.Equal(new Uri(factory.Http.BaseAddress!, $"/api/configurations/{id}"), response.Headers.Location);
        Assert.Equal(created.GetProperty("etag").GetString(), response.Headers.ETag!.ToString());
        Assert.Equal(["16:9"], created.GetProperty("parameters").GetProperty("aspectRatios").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal("relax", created.GetProperty("parameters").GetProperty("processMode").GetString());
        var fetched = await factory.Http.GetFromJsonAsync<JsonElement>($"api/configurations/{id}");
        Assert.Equal(created.ToString(), fetched.ToString());
    }

    [Fact]
    public async Task Create_TakenName_Gets409_IgnoringCase()
    {
        var name = $"Unique {Guid.NewGuid():N}";
        await CreateAsync(name);

        using var response = await factory.Http.PostAsJsonAsync("api/configurations", Configuration(name.ToUpperInvariant()));

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Create_Invalid_Gets400NamingEachField_AndWritesNothing()
    {
        var before = await StoredJob.CountAsync(factory.Tables, "Configurations");
        var bad = Configuration("");
        bad["parameters"]!["count"] = 0;

        using var response = await factory.Http.PostAsJsonAsync("api/configurations", bad);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True(problem.GetProperty("errors").TryGetProperty("name", out _));
        Assert.True(problem.GetProperty("errors").TryGetProperty("parameters.count", out _));
        Assert.Equal(before, await StoredJob.CountAsync(factory.Tables, "Configurations"));
    }

    [Fact]
    public async Task Update_WithStaleETag_Gets412_WithCurrentETag_RenamesAndFreesTheOldName()
    {
        var oldName = $"before {Guid.NewGuid():N}";
        var (created, etag) = await CreateAsync(oldName);
        var id = created.GetProperty("id").GetString();
        var newName = $"after {Guid.NewGuid():N}";

        using var first = new HttpRequestMessage(HttpMethod.Put, $"api/configurations/{id}") { Content = JsonContent.Create(Configuration(newName)) };
        first.Headers.IfMatch.Add(EntityTagHeaderValue.Parse(etag));
        using var updated = await factory.Http.SendAsync(first);
        using var stale = new HttpRequestMessage(HttpMethod.Put, $"api/configurations/{id}") { Content = JsonContent.Create(Configuration(oldName)) };
        stale.Headers.IfMatch.Add(EntityTagHeaderValue.Parse(etag));
        using var rejected = await factory.Http.SendAsync(stale);

        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        Assert.NotEqual(etag, updated.Headers.ETag!.ToString());
        Assert.Equal(newName, (await updated.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("name").GetString());
        Assert.Equal(HttpStatusCode.PreconditionFailed, rejected.StatusCode);
        await CreateAsync(oldName);
    }

    [Theory]
    [InlineData("\"abc\"")]
    [InlineData("abc")]
    [InlineData("\\")]
    [InlineData("\"")]
    [InlineData("x, y")]
    [InlineData("*, \"a\"")]
    // There, but blank: no version named is not "any version".
    [InlineData("")]
    [InlineData(" , ")]
    public async Task IfMatch_ThatThisServerNeverIssued_Gets412_OnUpdateAndDelete_AndChangesNothing(string ifMatch)
    {
        var name = $"guarded {Guid.NewGuid():N}";
        var (created, etag) = await CreateAsync(name);
        var id = created.GetProperty("id").GetString();

        using var put = new HttpRequestMessage(HttpMethod.Put, $"api/configurations/{id}") { Content = JsonContent.Create(Configuration($"renamed {Guid.NewGuid():N}")) };
        put.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        using var updated = await factory.Http.SendAsync(put);
        using var delete = new HttpRequestMessage(HttpMethod.Delete, $"api/configurations/{id}");
        delete.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        using var deleted = await factory.Http.SendAsync(delete);
        using var stored = await factory.Http.GetAsync($"api/configurations/{id}");

        // "*" matches any version; a list that holds it matches too.
        var expected = ifMatch.Contains('*') ? new[] { HttpStatusCode.OK, HttpStatusCode.NoContent } : [HttpStatusCode.PreconditionFailed, HttpStatusCode.PreconditionFailed];
        Assert.Equal(expected, [updated.StatusCode, deleted.StatusCode]);
        if (!ifMatch.Contains('*'))
        {
            Assert.Equal("application/problem+json", updated.Content.Headers.ContentType?.MediaType);
            Assert.Equal(etag, stored.Headers.ETag!.ToString());
            Assert.Equal(name, (await stored.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("name").GetString());
        }
    }

    [Fact]
    public async Task IfMatch_ListingTheCurrentETagAmongOthers_Matches()
    {
        var (created, etag) = await CreateAsync($"listed etag {Guid.NewGuid():N}");
        var id = created.GetProperty("id").GetString();

        using var put = new HttpRequestMessage(HttpMethod.Put, $"api/configurations/{id}") { Content = JsonContent.Create(Configuration($"relisted {Guid.NewGuid():N}")) };
        put.Headers.TryAddWithoutValidation("If-Match", $"W/\"not-this-one\", {etag}");
        using var updated = await factory.Http.SendAsync(put);

        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
    }

    /// <summary>Keywords may take 1 MiB, far more than a table property holds: such a configuration lives in a blob of its own version.</summary>
    [Fact]
    public async Task AConfigurationWithAMegabyteOfKeywords_IsSaved_Listed_Updated_AndDeleted_LeavingNoBlob()
    {
        var keywords = string.Concat(Enumerable.Range(0, 100_000).Select(i => $"kw{i:D6}\n"));
        var large = Configuration($"large {Guid.NewGuid():N}");
        large["keywords"] = keywords;
        using var created = await factory.Http.PostAsJsonAsync("api/configurations", large);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        async Task<List<string>> BlobsAsync()
        {
            var names = new List<string>();
            await foreach (var blob in factory.Blobs.GetBlobContainerClient("snapshots").GetBlobsAsync(Azure.Storage.Blobs.Models.BlobTraits.None, Azure.Storage.Blobs.Models.BlobStates.None, $"configurations/{id}/", CancellationToken.None))
            {
                names.Add(blob.Name);
            }
            return names;
        }
        var firstVersion = Assert.Single(await BlobsAsync());

        var read = await factory.Http.GetFromJsonAsync<JsonElement>($"api/configurations/{id}");
        var listed = new List<JsonElement>();
        string? continuation = null;
        do
        {
            var page = await factory.Http.GetFromJsonAsync<JsonElement>("api/configurations?limit=100" + (continuation is null ? "" : $"&continuation={Uri.EscapeDataString(continuation)}"));
            listed.AddRange(page.GetProperty("items").EnumerateArray());
            continuation = page.GetProperty("continuation").GetString();
        }
        while (continuation is not null);
        large["keywords"] = keywords + "one more\n";
        using var updated = await factory.Http.PutAsJsonAsync($"api/configurations/{id}", large);
        var secondVersion = Assert.Single(await BlobsAsync());
        var reread = await factory.Http.GetFromJsonAsync<JsonElement>($"api/configurations/{id}");
        using var deleted = await factory.Http.DeleteAsync($"api/configurations/{id}");

        Assert.Equal(keywords, read.GetProperty("keywords").GetString());
        Assert.Equal(keywords, listed.Single(c => c.GetProperty("id").GetString() == id).GetProperty("keywords").GetString());
        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        Assert.NotEqual(firstVersion, secondVersion);
        Assert.EndsWith("one more\n", reread.GetProperty("keywords").GetString());
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Empty(await BlobsAsync());
    }

    [Fact]
    public async Task ConcurrentEdits_FromTheSameETag_OneWins_TheOtherGets412()
    {
        var (created, etag) = await CreateAsync($"shared {Guid.NewGuid():N}");
        var id = created.GetProperty("id").GetString();

        async Task<HttpStatusCode> EditAsync(string name)
        {
            using var request = new HttpRequestMessage(HttpMethod.Put, $"api/configurations/{id}") { Content = JsonContent.Create(Configuration(name)) };
            request.Headers.IfMatch.Add(EntityTagHeaderValue.Parse(etag));
            using var response = await factory.Http.SendAsync(request);
            return response.StatusCode;
        }
        var names = new[] { $"edit a {Guid.NewGuid():N}", $"edit b {Guid.NewGuid():N}" };
        var statuses = await Task.WhenAll(names.Select(EditAsync));
        var stored = await factory.Http.GetFromJsonAsync<JsonElement>($"api/configurations/{id}");

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.PreconditionFailed], statuses.Order());
        Assert.Equal(names[Array.IndexOf(statuses, HttpStatusCode.OK)], stored.GetProperty("name").GetString());
    }

    [Fact]
    public async Task Delete_RemovesItAndFreesTheName()
    {
        var name = $"short-lived {Guid.NewGuid():N}";
        var (created, _) = await CreateAsync(name);
        var id = created.GetProperty("id").GetString();

        using var deleted = await factory.Http.DeleteAsync($"api/configurations/{id}");
        using var gone = await factory.Http.GetAsync($"api/configurations/{id}");

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        await CreateAsync(name);
    }

    [Fact]
    public async Task StartJob_FromASavedConfiguration_RecordsItsIdAndSnapshot()
    {
        var (created, _) = await CreateAsync($"saved {Guid.NewGuid():N}");
        var id = created.GetProperty("id").GetString();

        using var response = await factory.Http.PostAsJsonAsync("api/jobs", new { configurationId = id });
        var jobId = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        var job = await factory.Client.WaitForJobAsync(jobId, TimeSpan.FromMinutes(3));
        using var unknown = await factory.Http.PostAsJsonAsync("api/jobs", new { configurationId = "0123abc" });

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal(id, job.GetProperty("configurationId").GetString());
        Assert.Equal(created.GetProperty("name").GetString(), job.GetProperty("configuration").GetProperty("name").GetString());
        Assert.Equal(8, job.GetProperty("totalImages").GetInt32());
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    /// <summary>A continuation continues the listing that issued it; handed to another listing it is a 400, not a position there.</summary>
    [Fact]
    public async Task AConfigurationsContinuation_GivenToAnotherListing_Gets400NamingIt()
    {
        await CreateAsync($"token a {Guid.NewGuid():N}");
        await CreateAsync($"token b {Guid.NewGuid():N}");
        var jobId = await factory.Client.StartJobAsync(Configurations.Job(1));
        var page = await factory.Http.GetFromJsonAsync<JsonElement>("api/configurations?limit=1");
        var token = Uri.EscapeDataString(page.GetProperty("continuation").GetString()!);
        // The same position in the jobs table's shape, as a client that read the token's encoding might forge it.
        var forged = Uri.EscapeDataString(System.Buffers.Text.Base64Url.EncodeToString(System.Text.Encoding.UTF8.GetBytes("jobs\nam9i 0")));

        using var next = await factory.Http.GetAsync($"api/configurations?limit=1&continuation={token}");
        foreach (var url in new[]
        {
            $"api/jobs?continuation={token}", $"api/schedules?continuation={token}", $"api/images?continuation={token}",
            $"api/jobs/{jobId}/images?continuation={token}", $"api/configurations?continuation={forged}",
        })
        {
            using var response = await factory.Http.GetAsync(url);
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{url}: {response.StatusCode}");
            var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
            Assert.True(problem.GetProperty("errors").TryGetProperty("continuation", out _), $"{url}: {problem}");
        }
        Assert.Equal(HttpStatusCode.OK, next.StatusCode);
    }

    [Fact]
    public async Task List_PagesThroughEveryConfiguration()
    {
        var names = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            names.Add((await CreateAsync($"listed {i} {Guid.NewGuid():N}")).Body.GetProperty("name").GetString()!);
        }

        var seen = new List<string>();
        string? continuation = null;
        do
        {
            var page = await factory.Http.GetFromJsonAsync<JsonElement>("api/configurations?limit=2" + (continuation is null ? "" : $"&continuation={Uri.EscapeDataString(continuation)}"));
            seen.AddRange(page.GetProperty("items").EnumerateArray().Select(c => c.GetProperty("name").GetString()!));
            continuation = page.GetProperty("continuation").GetString();
        }
        while (continuation is not null);

        Assert.Subset(seen.ToHashSet(), names.ToHashSet());
        Assert.Equal(seen.Count, seen.Distinct().Count());
    }
}
