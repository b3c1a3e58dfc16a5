using Azure.Data.Tables;
using GenImageFactory.Local;
using GenImageFactory.Server.Tests.Support;

namespace GenImageFactory.Server.Tests;

/// <summary>API keys are deployment secrets: no log line, table entity or API response of a job may hold one.</summary>
[LongRunning(35)]
public class SecretsTests
{
    private const string PiApiKey = "pk-FAKE-PIAPI-KEY-7f3a9c";
    private const string OpenAiKey = "sk-FAKE-OPENAI-KEY-4e8b21";
    private const string RunwareKey = "rw-FAKE-RUNWARE-KEY-91c0d7";
    private const string RemoveBgKey = "rb-FAKE-REMOVEBG-KEY-5a2e66";
    private static readonly string[] Keys = [PiApiKey, OpenAiKey, RunwareKey, RemoveBgKey];

    [Fact]
    public async Task Job_RunWithRecognisableKeys_LeavesThemInNoLogEntityOrResponse()
    {
        await using var azurite = await AzuriteProcess.StartAsync();
        await using var emulators = await ProviderEmulatorsHost.StartAsync(PiApiKey, OpenAiKey, RunwareKey, RemoveBgKey);
        var serverLog = Path.Combine(Path.GetTempPath(), $"secrets-{Guid.NewGuid():N}.log");
        await using var server = await ServerProcess.StartAsync(new Dictionary<string, string?>
        {
            ["ConnectionStrings__Storage"] = azurite.ConnectionString,
            ["Durable__TaskHub"] = "Secrets" + Guid.NewGuid().ToString("N")[..12],
            ["PIAPI_API_KEY"] = PiApiKey,
            ["OPENAI_API_KEY"] = OpenAiKey,
            ["Providers__PiApi__BaseUrl"] = emulators.PiApiBaseUrl,
            ["Providers__PiApi__AllowedImageHosts__0"] = "http://127.0.0.1",
            ["Providers__PiApi__Models__flux1-schnell__ImagesPerTask"] = "4",
            ["Providers__OpenAI__Endpoint"] = emulators.OpenAiEndpoint,
            ["RUNWARE_API_KEY"] = RunwareKey,
            ["Providers__Runware__BaseUrl"] = emulators.RunwareBaseUrl,
            ["Providers__Runware__AllowedImageHosts__0"] = "http://127.0.0.1",
            ["REMOVE_BG_API_KEY"] = RemoveBgKey,
            ["Providers__RemoveBg__BaseUrl"] = emulators.RemoveBgBaseUrl,
            // Verbose on purpose: the more the Server says, the more places a key could leak.
            ["Serilog__MinimumLevel__Default"] = "Debug",
        }, logFile: serverLog);
        var client = new FactoryClient(new HttpClient { BaseAddress = server.BaseUrl });

        var configuration = Configurations.Job(2, keywords: "red barn\nemulator:fail");
        configuration["processing"] = new System.Text.Json.Nodes.JsonObject { ["removeBg"] = true };
        var jobId = await client.StartJobAsync(configuration);
        var job = await client.WaitForJobAsync(jobId, TimeSpan.FromMinutes(3));
        Assert.Equal(4, job.GetProperty("approvedImages").GetInt32() + job.GetProperty("failedImages").GetInt32());
        // The keys really reached their services: remove.bg did its work.
        Assert.DoesNotContain("background removal failed", await client.Http.GetStringAsync($"api/jobs/{jobId}/logs?format=text"));
        var runwareJob = Configurations.Job(1, aspectRatios: "1:1");
        runwareJob["parameters"]!["provider"] = "runware";
        var runwareJobId = await client.StartJobAsync(runwareJob);
        Assert.Equal("completed", (await client.WaitForJobAsync(runwareJobId, TimeSpan.FromMinutes(3))).GetProperty("status").GetString());

        var seen = new List<string>
        {
            job.ToString(),
            await client.Http.GetStringAsync("api/jobs"),
            await client.Http.GetStringAsync($"api/jobs/{jobId}/images"),
            await client.Http.GetStringAsync($"api/jobs/{jobId}/logs"),
            await client.Http.GetStringAsync($"api/jobs/{jobId}/logs?format=text"),
            await client.Http.GetStringAsync("api/health"),
            await client.Http.GetStringAsync($"api/images/export.csv?jobId={jobId}"),
            await client.Http.GetStringAsync("api/providers"),
            await client.Http.GetStringAsync($"api/jobs/{runwareJobId}/logs?format=text"),
        };
        seen.AddRange(await Workbooks.AllCellsAsync(await client.Http.GetByteArrayAsync($"api/jobs/{jobId}/export.xlsx")));
        foreach (var image in await client.ListImagesAsync(jobId))
        {
            seen.Add(await client.Http.GetStringAsync($"api/images/{image.GetProperty("id").GetString()}"));
        }
        var engineHistory = new List<string>();
        var tables = new TableServiceClient(azurite.ConnectionString);
        await foreach (var table in tables.QueryAsync())
        {
            var ours = typeof(Infrastructure.Storage.StorageNames).GetFields().Any(f => Equals(f.GetValue(null), table.Name));
            await foreach (var entity in tables.GetTableClient(table.Name).QueryAsync<TableEntity>())
            {
                (ours ? seen : engineHistory).Add(string.Join("|", entity.Select(p => $"{p.Key}={p.Value}")));
            }
        }
        await server.DisposeAsync();
        seen.AddRange(await File.ReadAllLinesAsync(serverLog));

        Assert.True(seen.Count > 100, $"expected plenty to scan, got {seen.Count} items");
        Assert.Contains(seen, s => s.Contains(jobId));
        Assert.DoesNotContain(seen.Concat(engineHistory), s => Keys.Any(s.Contains));
        // Signed image URLs are credentials too: their query strings appear nowhere we write (the engine's own
        // history tables carry them between steps, as they must, and are left out of this check).
        Assert.Contains(engineHistory, s => s.Contains(Emulators.Imaging.SignedUrls.SignatureMarker));
        Assert.DoesNotContain(seen, s => s.Contains(Emulators.Imaging.SignedUrls.SignatureMarker));
    }
}
