using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using GenImageFactory.Local;
using GenImageFactory.Server.Tests.Support;

namespace GenImageFactory.Server.Tests;

/// <summary>Slow provider tasks, so a running job can be watched: its log and progress move while its one generation runs.</summary>
public class LiveProgressTests(LiveProgressTests.SlowTasks factory) : IClassFixture<LiveProgressTests.SlowTasks>
{
    public sealed class SlowTasks : FactoryFixture
    {
        protected override void Configure(IDictionary<string, string?> settings) => settings["Emulators:LatencyMs"] = "6000";
    }

    [Fact]
    public async Task AOneGenerationJob_ShowsItsStepsAndMovingProgress_WhileItRuns_AndAFollowerReadsEachLineOnce()
    {
        var jobId = await factory.Client.StartJobAsync(Configurations.Job(1, keywords: "lighthouse at dusk", aspectRatios: "1:1"));
        var follower = new JobLogFollower(factory.Client, jobId);
        var followed = new List<JsonElement>();
        var progressWhileRunning = new SortedSet<int>();
        var sawSubmittedWhileRunning = false;
        var sawProviderStatusWhileRunning = false;

        await Eventually.TrueAsync(async () =>
        {
            var job = await factory.Client.GetJobAsync(jobId);
            followed.AddRange(await follower.ReadNewAsync());
            var messages = followed.Select(l => l.GetProperty("message").GetString()!).ToList();
            if (job.GetProperty("status").GetString() == "running")
            {
                progressWhileRunning.Add(job.GetProperty("progress").GetInt32());
                Assert.Equal("generating", job.GetProperty("phase").GetString());
                sawSubmittedWhileRunning |= messages.Any(m => m.Contains("piapi task") && m.EndsWith("submitted."));
                sawProviderStatusWhileRunning |= messages.Any(m => m.Contains("at the provider."));
            }
            return job.GetProperty("status").GetString() == "completed";
        }, TimeSpan.FromMinutes(2), "the job never completed");
        followed.AddRange(await follower.ReadNewAsync());

        Assert.True(sawSubmittedWhileRunning, "the submission reached the log only after the generation ended");
        Assert.True(sawProviderStatusWhileRunning, "no change of the provider's status reached the log while the task ran");
        Assert.Contains(progressWhileRunning, p => p is > 0 and < 100);
        var whole = (await factory.Http.GetFromJsonAsync<JsonElement>($"api/jobs/{jobId}/logs")).GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(Describe(whole), Describe(followed));
        Assert.Contains(whole, l => l.GetProperty("message").GetString()!.Contains("is pending at the provider"));
        Assert.Contains(whole, l => l.GetProperty("message").GetString()!.Contains("is processing at the provider"));
        Assert.Contains(whole, l => l.GetProperty("message").GetString()!.Contains("stored 4 images"));
        Assert.Equal(4, whole.Count(l => l.GetProperty("message").GetString()!.Contains("metadata written")));
    }

    [Fact]
    public async Task Logs_After_ReturnOnlyLaterLines_AndRefuseWhatIsNotATime()
    {
        var jobId = await factory.Client.StartJobAsync(Configurations.Job(1, keywords: "harbour fog", aspectRatios: "1:1"));
        await factory.Client.WaitForJobAsync(jobId, TimeSpan.FromMinutes(2));
        var all = (await factory.Http.GetFromJsonAsync<JsonElement>($"api/jobs/{jobId}/logs")).GetProperty("items").EnumerateArray().ToList();
        var middle = all[all.Count / 2].GetProperty("timestamp").GetString()!;

        var later = (await factory.Http.GetFromJsonAsync<JsonElement>($"api/jobs/{jobId}/logs?after={Uri.EscapeDataString(middle)}")).GetProperty("items").EnumerateArray().ToList();
        using var text = await factory.Http.GetAsync($"api/jobs/{jobId}/logs?format=text&after={Uri.EscapeDataString(all[^1].GetProperty("timestamp").GetString()!)}");
        using var refused = await factory.Http.GetAsync($"api/jobs/{jobId}/logs?after=yesterday");
        // A client following the text export passes the time of the last line it has; lines of that same millisecond it has seen are not sent again.
        var textLines = (await factory.Http.GetStringAsync($"api/jobs/{jobId}/logs?format=text")).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var middleLineTime = textLines[textLines.Length / 2][1..textLines[textLines.Length / 2].IndexOf(']')];
        var textLater = (await factory.Http.GetStringAsync($"api/jobs/{jobId}/logs?format=text&after={Uri.EscapeDataString(middleLineTime)}")).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        // Times before storage's first (1601) narrow nothing.
        var fromTheStart = new List<int>();
        foreach (var earliest in new[] { "0001-01-01", "1601-01-01T00:00:00Z", "0001-01-01T00:00:00.0000001Z" })
        {
            fromTheStart.Add((await factory.Http.GetFromJsonAsync<JsonElement>($"api/jobs/{jobId}/logs?after={Uri.EscapeDataString(earliest)}")).GetProperty("items").GetArrayLength());
        }

        Assert.Equal(Describe(all.Where(l => l.GetProperty("timestamp").GetDateTime() > DateTime.Parse(middle, null, System.Globalization.DateTimeStyles.AdjustToUniversal)).ToList()), Describe(later));
        Assert.InRange(later.Count, 1, all.Count - 1);
        Assert.Equal("", await text.Content.ReadAsStringAsync());
        Assert.Equal(textLines.Where(l => string.CompareOrdinal(l[1..l.IndexOf(']')], middleLineTime) > 0), textLater);
        Assert.Equal([all.Count, all.Count, all.Count], fromTheStart);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("after", await refused.Content.ReadAsStringAsync());
    }

    private static List<string> Describe(List<JsonElement> lines) =>
        lines.Select(l => $"{l.GetProperty("timestamp").GetString()} {l.GetProperty("message").GetString()}").ToList();
}
