using System.Net;
using System.Text.Json;
using GenImageFactory.Server.Tests.Support;
using SkiaSharp;

namespace GenImageFactory.Server.Tests;

/// <summary>Jobs end to end: the real API, the real durable engine, the real PiAPI client and emulator, real Azurite.</summary>
public class JobLifecycleTests(FactoryFixture factory) : IClassFixture<FactoryFixture>
{
    private static readonly TimeSpan JobTimeout = TimeSpan.FromMinutes(3);

    [Fact]
    public async Task Job_Of12Generations_Completes_With48RecordsAnd48BlobsOfTheRightRatio()
    {
        var jobId = await factory.Client.StartJobAsync(Configurations.Job(12));

        var job = await factory.Client.WaitForJobAsync(jobId, JobTimeout);

        Assert.Equal("completed", job.GetProperty("status").GetString());
        Assert.Equal(100, job.GetProperty("progress").GetInt32());
        Assert.Equal("done", job.GetProperty("phase").GetString());
        Assert.Equal(12, job.GetProperty("totalGenerations").GetInt32());
        Assert.Equal(0, job.GetProperty("failedGenerations").GetInt32());
        Assert.Equal(48, job.GetProperty("totalImages").GetInt32());
        Assert.True(job.GetProperty("startedAt").GetDateTimeOffset() <= job.GetProperty("completedAt").GetDateTimeOffset());
        Assert.Equal(JsonValueKind.Null, job.GetProperty("errorMessage").ValueKind);
        Assert.Equal(48, job.GetProperty("approvedImages").GetInt32() + job.GetProperty("failedImages").GetInt32());

        var rows = await StoredJob.ImageRowsAsync(factory.Tables, jobId);
        var blobs = await StoredJob.BlobNamesAsync(factory.Blobs, jobId);
        Assert.Equal(48, rows.Count);
        Assert.Equal(48, blobs.Count);
        Assert.Equal(rows.Select(r => $"{jobId}/{r.RowKey}.original.png").Order(), blobs.Order());

        var images = await factory.Client.ListImagesAsync(jobId);
        Assert.Equal(48, images.Count);
        foreach (var image in images)
        {
            var generation = image.GetProperty("generationIndex").GetInt32();
            var ratio = new[] { "1:1", "16:9", "9:16" }[generation % 3];
            Assert.Equal(ratio, image.GetProperty("aspectRatio").GetString());
            Assert.Contains(image.GetProperty("qcStatus").GetString(), new[] { "approved", "qc_failed" });
            Assert.False(string.IsNullOrWhiteSpace(image.GetProperty("qcReason").GetString()));

            var blobName = $"{jobId}/{image.GetProperty("id").GetString()}.original.png";
            var (width, height) = await StoredJob.DecodedSizeAsync(factory.Blobs, blobName);
            Assert.Equal((image.GetProperty("width").GetInt32(), image.GetProperty("height").GetInt32()), (width, height));
            var terms = ratio.Split(':').Select(double.Parse).ToArray();
            Assert.InRange((double)width / height, terms[0] / terms[1] * 0.98, terms[0] / terms[1] * 1.02);
        }
    }

    [Fact]
    public async Task ImageContent_StreamsTheStoredPng()
    {
        var jobId = await factory.Client.StartJobAsync(Configurations.Job(1, aspectRatios: "16:9"));
        await factory.Client.WaitForJobAsync(jobId, JobTimeout);
        var image = (await factory.Client.ListImagesAsync(jobId))[0];

        using var response = await factory.Http.GetAsync(image.GetProperty("contentUrl").GetString());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/png", response.Content.Headers.ContentType?.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        using var bitmap = SKBitmap.Decode(bytes);
        Assert.Equal((128, 72), (bitmap.Width, bitmap.Height));
        // HEAD answers GET's headers without the body.
        using var head = await factory.Http.SendAsync(new HttpRequestMessage(HttpMethod.Head, image.GetProperty("contentUrl").GetString()));
        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.Equal("image/png", head.Content.Headers.ContentType?.MediaType);
        Assert.Empty(await head.Content.ReadAsByteArrayAsync());
    }

    [Theory]
    [InlineData("api/health", HttpStatusCode.OK)]
    [InlineData("api/jobs?limit=1", HttpStatusCode.OK)]
    [InlineData("api/jobs/2516066851578984513-b933aa64", HttpStatusCode.NotFound)]
    [InlineData("api/jobs/estimate", HttpStatusCode.MethodNotAllowed)]
    public async Task Head_AnswersAsGetWould_WithoutABody(string url, HttpStatusCode expected)
    {
        using var response = await factory.Http.SendAsync(new HttpRequestMessage(HttpMethod.Head, url));

        Assert.Equal(expected, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
    }

    [Theory]
    [InlineData("api/images/..%2F..%2Fetc%2Fpasswd/content", HttpStatusCode.BadRequest)]
    [InlineData("api/images/not-an-image-id/content", HttpStatusCode.BadRequest)]
    [InlineData("api/images/2516066851578984513-b933aa64-g0000-i00/content", HttpStatusCode.NotFound)]
    [InlineData("api/jobs/NOT_AN_ID", HttpStatusCode.BadRequest)]
    [InlineData("api/jobs/2516066851578984513-b933aa64", HttpStatusCode.NotFound)]
    [InlineData("api/jobs/2516066851578984513-b933aa64/images", HttpStatusCode.NotFound)]
    public async Task UnknownOrMalformedIds_GetProblemDocuments(string url, HttpStatusCode expected)
    {
        using var response = await factory.Http.GetAsync(url);

        Assert.Equal(expected, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task ListJobs_NewestFirst_PaginatesWithContinuation()
    {
        var older = await factory.Client.StartJobAsync(Configurations.Job(1));
        var newer = await factory.Client.StartJobAsync(Configurations.Job(1));

        var ids = new List<string>();
        string? continuation = null;
        do
        {
            var page = await factory.Http.GetFromJsonAsync<JsonElement>("api/jobs?limit=1" + (continuation is null ? "" : $"&continuation={Uri.EscapeDataString(continuation)}"));
            var items = page.GetProperty("items").EnumerateArray().ToList();
            Assert.True(items.Count <= 1);
            ids.AddRange(items.Select(i => i.GetProperty("id").GetString()!));
            continuation = page.GetProperty("continuation").GetString();
        }
        while (continuation is not null);

        Assert.True(ids.IndexOf(newer) < ids.IndexOf(older), "newest first");
        Assert.Equal(ids.Distinct().Count(), ids.Count);
    }

    [Fact]
    public async Task StartJob_Returns202_WithLocationAndStatusUrl_AndThePendingOrRunningJob()
    {
        using var response = await factory.Http.PostAsJsonAsync("api/jobs", new { configuration = Configurations.Job(1) });

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        var id = body.GetProperty("id").GetString();
        Assert.Equal(response.Headers.Location?.ToString(), body.GetProperty("statusUrl").GetString());
        var job = await factory.Http.GetFromJsonAsync<JsonElement>(response.Headers.Location);
        Assert.Equal(id, job.GetProperty("id").GetString());
        Assert.Matches("^job_\\d{8}_\\d{6}$", job.GetProperty("label").GetString());
        Assert.Equal(JsonValueKind.Null, job.GetProperty("configurationId").ValueKind);
        Assert.Equal(1, job.GetProperty("configuration").GetProperty("parameters").GetProperty("count").GetInt32());
    }

    [Fact]
    public async Task ListJobs_FiltersByStatusLabelAndCreationTime()
    {
        var configuration = Configurations.Job(1, aspectRatios: "1:1");
        var label = $"harvest-{Guid.NewGuid():N}";
        configuration["parameters"]!["label"] = label;
        var jobId = await factory.Client.StartJobAsync(configuration);
        var job = await factory.Client.WaitForJobAsync(jobId, JobTimeout);
        var created = job.GetProperty("createdAt").GetDateTimeOffset();

        async Task<List<string>> IdsAsync(string query) =>
            (await factory.Http.GetFromJsonAsync<JsonElement>($"api/jobs?limit=100&{query}")).GetProperty("items").EnumerateArray().Select(j => j.GetProperty("id").GetString()!).ToList();

        Assert.Equal([jobId], await IdsAsync($"label={label[..12].ToUpperInvariant()}{label[12..]}"));
        Assert.Contains(jobId, await IdsAsync("status=completed"));
        Assert.DoesNotContain(jobId, await IdsAsync("status=failed"));
        var window = $"from={Uri.EscapeDataString(created.AddSeconds(-1).ToString("O"))}&to={Uri.EscapeDataString(created.AddSeconds(1).ToString("O"))}";
        Assert.Contains(jobId, await IdsAsync(window));
        Assert.DoesNotContain(jobId, await IdsAsync($"from={Uri.EscapeDataString(created.AddSeconds(1).ToString("O"))}"));
        Assert.DoesNotContain(jobId, await IdsAsync("to=2000-01-01"));
        Assert.Equal(HttpStatusCode.BadRequest, (await factory.Http.GetAsync("api/jobs?status=finished")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await factory.Http.GetAsync("api/jobs?from=yesterday")).StatusCode);
        // A date alone, or with minutes, fractions and an offset: each an ISO 8601 form a client may send.
        var utc = created.ToUniversalTime();
        var invariant = System.Globalization.CultureInfo.InvariantCulture;
        foreach (var from in new[]
        {
            utc.ToString("yyyy-MM-dd", invariant), utc.AddMinutes(-1).ToString("yyyy-MM-dd'T'HH:mm'Z'", invariant),
            utc.AddSeconds(-1).ToOffset(TimeSpan.FromHours(2)).ToString("yyyy-MM-dd'T'HH:mm:ss.fffzzz", invariant),
        })
        {
            Assert.Contains(jobId, await IdsAsync($"from={Uri.EscapeDataString(from)}"));
        }
    }

    [Fact]
    public async Task ListJobs_ByLabel_ReturnsFullPages_PastNewerJobsWithOtherLabels()
    {
        async Task<string> StartAsync(string label)
        {
            var configuration = Configurations.ProviderOnlyJob(1, "pebble");
            configuration["parameters"]!["label"] = label;
            return await factory.Client.StartJobAsync(configuration);
        }
        var tag = Guid.NewGuid().ToString("N")[..8];
        var wanted = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            wanted.Add(await StartAsync($"Lighthouse {tag} {i}"));
        }
        for (var i = 0; i < 6; i++)
        {
            await StartAsync($"other {tag} {i}");
        }

        var first = await factory.Http.GetFromJsonAsync<JsonElement>($"api/jobs?limit=2&label=lighthouse%20{tag}");
        var second = await factory.Http.GetFromJsonAsync<JsonElement>($"api/jobs?limit=2&label=lighthouse%20{tag}&continuation={Uri.EscapeDataString(first.GetProperty("continuation").GetString()!)}");

        List<string> Ids(JsonElement page) => page.GetProperty("items").EnumerateArray().Select(j => j.GetProperty("id").GetString()!).ToList();
        Assert.Equal(wanted.AsEnumerable().Reverse().Take(2), Ids(first));
        Assert.Equal([wanted[0]], Ids(second));
    }
}
