using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;
using GenImageFactory.Api;
using GenImageFactory.Server.Tests.Support;
using Microsoft.AspNetCore.Http;

namespace GenImageFactory.Server.Tests;

/// <summary>
/// Every operation of the served OpenAPI document, driven with hostile path, query and body values:
/// no answer may be a 5xx, and none may be slow.
/// </summary>
[LongRunning(60)]
public class HostileInputTests(FactoryFixture factory) : IClassFixture<FactoryFixture>
{
    /// <summary>Longer than any honest request takes on a loaded 2-core machine, far shorter than a pinned core.</summary>
    private static readonly TimeSpan SlowAnswer = TimeSpan.FromSeconds(10);

    /// <summary>Exports stream every matching image (the whole gallery here): real work, bounded by the data, not by the input.</summary>
    private static readonly TimeSpan SlowExport = TimeSpan.FromSeconds(90);

    /// <summary>Operations driven at once (each one's requests in order): the test waits on round trips, not on the cores.</summary>
    private const int OperationsAtOnce = 3;

    /// <summary>Path and query values: odd Unicode, escapes, traversal, sizes, numbers that overflow, forged tokens.</summary>
    public static readonly string[] HostileValues =
    [
        "", " ", "%20", "\udc00", "\ud800x", "a\u0000b", "٣٤٥", "１２３", "abc\n", "abc\r\n", "abc%0a", "../../etc/passwd", "..%2F..%2Fsecrets",
        "%2e%2e%2f", "C:\\Windows", "a/b", "Spring/Summer#1?", "<script>alert(1)</script>", "' OR 1=1 --", "${jndi:ldap://x}",
        "null", "undefined", "true", "-1", "0", "2147483648", "99999999999999999999999", "1e309", "NaN", "-0", "0x10",
        "🙂🙂🙂", "\u202Eevil", "zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz", "eyJhIjoiYiJ9", "AAAA", "____", "-",
        new string('a', 300), new string('9', 5000), "job-abc-g0001-i01\n", "20261126-abc", "x-g٣٣٣٣-i٣٣",
    ];

    /// <summary>Bodies: malformed JSON, wrong types at the top and deep down, lone surrogates, huge arrays and depths.</summary>
    public static readonly string[] HostileBodies =
    [
        "", "{", "{\"a\":", "[]", "null", "\"text\"", "42", "true", "{}", "{\"label\":\"\\udc00\"}", "{\"label\":\"\\ud800\"}",
        "{\"label\":123}", "{\"label\":null}", "{\"label\":[\"a\"]}", "{\"label\":{\"a\":1}}",
        "{\"configurationId\":\"../x\"}", "{\"configurationId\":123}", "{\"configuration\":[]}", "{\"configuration\":\"x\"}",
        "{\"configuration\":{\"name\":\"Spring/Summer#1?\",\"keywords\":\"a\"}}",
        "{\"configuration\":{\"name\":\"\\u0000\\u001f\\u007f\",\"keywords\":\"a\"}}",
        "{\"name\":\"Spring/Summer#1?\",\"keywords\":\"a\"}", "{\"name\":\"a\\\\b\",\"keywords\":\"a\"}", "{\"name\":\"\\udc00\",\"keywords\":\"a\"}",
        "{\"configuration\":{\"parameters\":{\"count\":\"x\",\"aspectRatios\":{},\"maxSpend\":\"1\"},\"processing\":[],\"ai\":7}}",
        "{\"configuration\":{\"parameters\":{\"count\":1e309}}}", "{\"configuration\":{\"parameters\":{\"count\":-0.5}}}",
        "{\"jobIds\":\"x\"}", "{\"jobIds\":[1,2,3]}", "{\"jobIds\":[null]}", "{\"jobIds\":[\"\\udc00\"]}",
        "{\"ids\":{}}", "{\"ids\":[\"a\"],\"settings\":7}", "{\"ids\":[\"a\"],\"settings\":{\"jpgQuality\":\"x\"}}",
        "{\"configurationId\":\"x\",\"cron\":\"* * * * * *\",\"enabled\":\"yes\"}", "{\"cron\":\"\\udc00\"}",
        "{\"jobIds\":[" + string.Join(",", Enumerable.Range(0, 600).Select(i => $"\"job-{i}\"")) + "]}",
        "{\"ids\":[" + string.Join(",", Enumerable.Range(0, 600).Select(i => $"\"img-{i}\"")) + "]}",
        new string('[', 5000) + new string(']', 5000),
        "{\"a\":\"" + new string('x', 2_000_000) + "\"}",
    ];

    [Fact]
    public async Task EveryOperation_WithHostileInput_NeverAnswers5xxOrSlowly()
    {
        var existing = await ExistingResourcesAsync();
        // The sweep goes to an API front end whose task hub no worker runs: the answers are the API's own, and what it
        // accepts (dozens of reruns, bulk operations naming hundreds of ids) waits there instead of running on the
        // machine's two cores beside the other test classes.
        var (frontEnd, http) = await factory.StartIdleFrontEndAsync();
        try
        {
            await SweepAsync(http, existing);
        }
        finally
        {
            http.Dispose();
            await frontEnd.StopAsync();
            await frontEnd.DisposeAsync();
        }
    }

    private static async Task SweepAsync(HttpClient http, Dictionary<string, string> existing)
    {
        var document = await http.GetFromJsonAsync<JsonElement>("api/openapi.json");
        var problems = new System.Collections.Concurrent.ConcurrentQueue<string>();
        var requests = 0;
        var operations = document.GetProperty("paths").EnumerateObject()
            .SelectMany(path => path.Value.EnumerateObject().Select(operation => (Path: path.Name, Method: operation.Name, Operation: operation.Value)))
            .ToList();
        // Each operation's requests go one after another; a few operations at a time, as several clients would send them.
        await Parallel.ForEachAsync(operations, new ParallelOptions { MaxDegreeOfParallelism = OperationsAtOnce }, async (entry, _) =>
        {
            var method = new HttpMethod(entry.Method.ToUpperInvariant());
            var queryNames = QueryParameters(entry.Operation).Append("continuation").Append("limit").Distinct().ToList();
            foreach (var request in Requests(method, entry.Path, queryNames, existing))
            {
                Interlocked.Increment(ref requests);
                var limit = entry.Path.Contains("export", StringComparison.Ordinal) ? SlowExport : SlowAnswer;
                var (status, elapsed) = await SendAsync(http, request);
                if (status == DroppedConnection)
                {
                    // A pooled connection the Server closed after refusing an oversized body can fail the next
                    // request on it at once: a dropped connection counts only if a fresh send drops again.
                    (status, elapsed) = await SendAsync(http, request);
                }
                if (status < 500 && elapsed > limit)
                {
                    // The other test classes share these two cores: a slow answer counts only if it is slow again.
                    (status, elapsed) = await SendAsync(http, request);
                }
                if (status >= 500 || elapsed > limit)
                {
                    problems.Enqueue($"{request.Method} {request.Uri} [{Shorten(request.Body)}] -> {status} in {elapsed.TotalMilliseconds:0} ms");
                }
            }
        });

        Assert.True(requests > 1000, $"only {requests} requests were sent");
        Assert.True(problems.Count == 0, string.Join("\n", problems.Take(40)));
    }

    [Theory]
    [InlineData("api/jobs/rerun", 70 * 1024)]
    [InlineData("api/jobs", 9 * 1024 * 1024)]
    [InlineData("api/configurations", 9 * 1024 * 1024)]
    public async Task ABodyOverItsRoutesLimit_Is413_AndNothingIsWritten(string path, int size)
    {
        var jobsBefore = await StoredJob.CountAsync(factory.Tables, "Jobs");
        var configurationsBefore = await StoredJob.CountAsync(factory.Tables, "Configurations");
        // Valid JSON all the way: only the size is wrong.
        var body = "{\"keywords\":\"" + new string('k', size) + "\"}";

        // Expect: 100-continue lets the Server refuse before the body is sent, as a careful client would ask.
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.ExpectContinue = true;

        using var response = await factory.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(jobsBefore, await StoredJob.CountAsync(factory.Tables, "Jobs"));
        Assert.Equal(configurationsBefore, await StoredJob.CountAsync(factory.Tables, "Configurations"));
    }

    [Fact]
    public async Task Stats_AreReadFromTheRecordsCounts_NeverFromTheConfigurationSnapshots()
    {
        // Keywords this long put the job's snapshot in a blob; statistics must not need it.
        var configuration = Configurations.Job(1, keywords: string.Join("\n", Enumerable.Range(0, 4000).Select(i => $"keyword {i}")));
        var jobId = await factory.Client.StartJobAsync(configuration);
        await factory.Client.WaitForJobAsync(jobId, TimeSpan.FromMinutes(3));
        var snapshot = factory.Blobs.GetBlobContainerClient("snapshots").GetBlobClient($"{jobId}.json");
        var content = (await snapshot.DownloadContentAsync()).Value.Content;
        var before = await factory.Http.GetFromJsonAsync<JsonElement>("api/stats");

        await snapshot.DeleteAsync();
        try
        {
            using var response = await factory.Http.GetAsync("api/stats");
            var stats = await response.Content.ReadFromJsonAsync<JsonElement>();

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(before.GetProperty("totalJobs").GetInt32(), stats.GetProperty("totalJobs").GetInt32());
            Assert.Equal(before.GetProperty("imagesGenerated").GetInt32(), stats.GetProperty("imagesGenerated").GetInt32());
        }
        finally
        {
            await snapshot.UploadAsync(content);
        }
    }

    private sealed record HostileRequest(HttpMethod Method, string Uri, string? Body);

    /// <summary>A saved configuration, a finished job with images and a schedule, so hostile bodies reach past the 404s.</summary>
    private async Task<Dictionary<string, string>> ExistingResourcesAsync()
    {
        var configuration = Configurations.Job(1);
        configuration["name"] = "hostile-input-target";
        var saved = await (await factory.Http.PostAsJsonAsync("api/configurations", configuration)).Content.ReadFromJsonAsync<JsonElement>();
        var configurationId = saved.GetProperty("id").GetString()!;
        var jobId = await factory.Client.StartJobAsync(Configurations.Job(1));
        await factory.Client.WaitForJobAsync(jobId, TimeSpan.FromMinutes(3));
        var imageId = (await factory.Client.ListImagesAsync(jobId))[0].GetProperty("id").GetString()!;
        var schedule = await (await factory.Http.PostAsJsonAsync("api/schedules", new { configurationId, cron = "0 6 * * *", enabled = false })).Content.ReadFromJsonAsync<JsonElement>();
        return new()
        {
            ["/api/configurations"] = configurationId,
            ["/api/jobs"] = jobId,
            ["/api/images"] = imageId,
            ["/api/schedules"] = schedule.GetProperty("id").GetString()!,
        };
    }

    private static IEnumerable<HostileRequest> Requests(HttpMethod method, string template, List<string> queryNames, Dictionary<string, string> existing)
    {
        var takesBody = method == HttpMethod.Post || method == HttpMethod.Put || method == HttpMethod.Patch;
        // Real ids let hostile queries and bodies reach past the 404s; deletes get a made-up id so the targets stay.
        var target = method == HttpMethod.Delete ? null : existing.FirstOrDefault(e => template.StartsWith(e.Key, StringComparison.Ordinal)).Value;
        var sample = FillPath(template, target ?? "sample-id");
        foreach (var value in HostileValues)
        {
            if (template.Contains('{'))
            {
                yield return new(method, FillPath(template, value), takesBody ? "{}" : null);
            }
        }
        foreach (var name in queryNames)
        {
            foreach (var value in HostileValues.Where((_, i) => i % 2 == 0))
            {
                yield return new(method, $"{sample}?{name}={Escape(value)}", takesBody ? "{}" : null);
            }
        }
        if (takesBody)
        {
            foreach (var body in HostileBodies)
            {
                yield return new(method, sample, body);
            }
        }
    }

    private static async Task<(int Status, TimeSpan Elapsed)> SendAsync(HttpClient http, HostileRequest request)
    {
        using var message = new HttpRequestMessage(request.Method, request.Uri.TrimStart('/'));
        if (request.Body is not null)
        {
            message.Content = new StringContent(request.Body, Encoding.UTF8, "application/json");
            // A body over the route's limit is refused before it is sent, instead of the connection being cut mid-send.
            message.Headers.ExpectContinue = request.Body.Length > ApiRoute.SmallBodyBytes;
        }
        var clock = Stopwatch.StartNew();
        try
        {
            using var response = await http.SendAsync(message);
            await response.Content.ReadAsByteArrayAsync();
            return ((int)response.StatusCode, clock.Elapsed);
        }
        catch (HttpRequestException ex) when (ex.InnerException is IOException && request.Body?.Length > ApiRoute.SmallBodyBytes)
        {
            // The Server answered without taking a body over the route's limit and closed the connection mid-send.
            return (StatusCodes.Status413PayloadTooLarge, clock.Elapsed);
        }
        catch (HttpRequestException)
        {
            // A connection dropped without an answer is as bad as a 500.
            return (DroppedConnection, clock.Elapsed);
        }
    }

    /// <summary>Not an HTTP status: the connection dropped without an answer.</summary>
    private const int DroppedConnection = 599;

    private static IEnumerable<string> QueryParameters(JsonElement operation) =>
        operation.TryGetProperty("parameters", out var parameters)
            ? parameters.EnumerateArray().Where(p => p.GetProperty("in").GetString() == "query").Select(p => p.GetProperty("name").GetString()!)
            : [];

    private static string FillPath(string template, string value) =>
        System.Text.RegularExpressions.Regex.Replace(template, @"\{[^}]+\}", Escape(value));

    /// <summary>Percent-encodes like a client would; a lone surrogate becomes its (invalid) UTF-8 bytes, as a raw client could send.</summary>
    private static string Escape(string value) =>
        value.Any(char.IsSurrogate) && !value.Any(char.IsHighSurrogate) || value == "\ud800x"
            ? "%ED%B0%80"
            : Uri.EscapeDataString(value);

    private static string Shorten(string? body) => body is null ? "" : body.Length <= 80 ? body : body[..80] + "…";
}
