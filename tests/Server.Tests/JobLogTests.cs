using System.Net;
using System.Text.Json;
using GenImageFactory.Emulators.PiApi;
using GenImageFactory.Server.Tests.Support;

namespace GenImageFactory.Server.Tests;

public class JobLogTests(FactoryFixture factory) : IClassFixture<FactoryFixture>
{
    private async Task<string> RunJobWithOneFailingGenerationAsync()
    {
        var jobId = await factory.Client.StartJobAsync(Configurations.Job(2, keywords: $"quiet harbour\n{PiApiEmulatorOptions.FailMarker}", aspectRatios: "1:1", retryAttempts: 1));
        await factory.Client.WaitForJobAsync(jobId, TimeSpan.FromMinutes(3));
        // The record closes first and the job's last line follows it (so a cancel that won the race gets none).
        await Eventually.TrueAsync(async () => (await factory.Http.GetStringAsync($"api/jobs/{jobId}/logs?format=text")).Contains("Job completed"),
            TimeSpan.FromSeconds(30), "the job's closing line was written");
        return jobId;
    }

    [Fact]
    public async Task Logs_HaveOneLinePerStepOutcome_InTimeOrder_WrittenOnce()
    {
        var jobId = await RunJobWithOneFailingGenerationAsync();

        var logs = await factory.Http.GetFromJsonAsync<JsonElement>($"api/jobs/{jobId}/logs");
        var entries = logs.GetProperty("items").EnumerateArray().ToList();

        var messages = entries.Select(e => e.GetProperty("message").GetString()!).ToList();
        // Generation 0: submitted, stored, and per image a verdict and its metadata (4 x 2); generation 1:
        // submitted, failed, resubmitting, submitted, failed, produced no image; the job: started, completed.
        Assert.Equal(2 + 8 + 6 + 2, entries.Count);
        Assert.StartsWith("Job started: 2 generation(s) on piapi", messages[0]);
        Assert.StartsWith("Job completed: 4 image(s), 4 approved, 0 failed the quality check; 1 generation(s) failed", messages[^1]);
        var first = entries.Where(e => e.GetProperty("generationIndex").ValueKind == JsonValueKind.Number && e.GetProperty("generationIndex").GetInt32() == 0).ToList();
        var second = entries.Where(e => e.GetProperty("generationIndex").ValueKind == JsonValueKind.Number && e.GetProperty("generationIndex").GetInt32() == 1).ToList();
        Assert.All(first, e => Assert.Equal("info", e.GetProperty("level").GetString()));
        Assert.Contains("stored 4 images (1:1)", first[1].GetProperty("message").GetString());
        Assert.Equal(4, first.Count(e => e.GetProperty("message").GetString()!.Contains("approved")));
        Assert.Equal(4, first.Count(e => e.GetProperty("message").GetString()!.Contains("metadata written")));
        Assert.All(first.Skip(2), e => Assert.StartsWith($"{jobId}-g0000-i0", e.GetProperty("imageId").GetString()));
        Assert.Equal(["info", "warning", "info", "info", "warning", "error"], second.Select(e => e.GetProperty("level").GetString()));
        Assert.Contains("emulated failure", second[1].GetProperty("message").GetString());
        Assert.Contains("resubmitting (attempt 2 of 2)", second[2].GetProperty("message").GetString());
        Assert.Contains("produced no image", second[^1].GetProperty("message").GetString());
        var times = entries.Select(e => e.GetProperty("timestamp").GetDateTime()).ToList();
        Assert.Equal(times.Order(), times);
    }

    [Fact]
    public async Task Logs_AsText_AreDownloadableLinesWithTimeAndLevel_AndHoldNoApiKey()
    {
        var jobId = await RunJobWithOneFailingGenerationAsync();

        using var response = await factory.Http.GetAsync($"api/jobs/{jobId}/logs?format=text");
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal($"{jobId}.log", response.Content.Headers.ContentDisposition?.FileName);
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(18, lines.Length);
        Assert.All(lines, l => Assert.Matches(@"^\[\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{7}Z\] \[(INFO|WARNING|ERROR)\] \S", l));
        Assert.DoesNotContain(new PiApiEmulatorOptions().ApiKey, text);
        Assert.DoesNotContain(new PiApiEmulatorOptions().ApiKey, await factory.Http.GetStringAsync($"api/jobs/{jobId}"));
    }

    [Fact]
    public async Task Logs_FilteredByLevel_OnlyThatLevel()
    {
        var jobId = await RunJobWithOneFailingGenerationAsync();

        var logs = await factory.Http.GetFromJsonAsync<JsonElement>($"api/jobs/{jobId}/logs?level=error");

        var entry = Assert.Single(logs.GetProperty("items").EnumerateArray());
        Assert.Equal(1, entry.GetProperty("generationIndex").GetInt32());
    }

    [Theory]
    [InlineData("?format=xml", "format")]
    [InlineData("?level=debug", "level")]
    public async Task Logs_BadQuery_Gets400(string query, string field)
    {
        var jobId = await factory.Client.StartJobAsync(Configurations.Job(1));

        using var response = await factory.Http.GetAsync($"api/jobs/{jobId}/logs{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _));
    }
}
