using Azure.Data.Tables;
using GenImageFactory.Local;
using GenImageFactory.Server.Tests.Support;

namespace GenImageFactory.Server.Tests;

/// <summary>API keys are deployment secrets: no log line, table entity or API response of a job may hold one.</summary>
public class SecretsTests
{
    private const string PiApiKey = "pk-FAKE-PIAPI-KEY-7f3a9c";
    private const string OpenAiKey = "sk-FAKE-OPENAI-KEY-4e8b21";

    [Fact]
    public async Task Job_RunWithRecognisableKeys_LeavesThemInNoLogEntityOrResponse()
    {
        await using var azurite = await AzuriteProcess.StartAsync();
        await using var emulators = await ProviderEmulatorsHost.StartAsync(PiApiKey, OpenAiKey);
        var serverLog = Path.Combine(Path.GetTempPath(), $"secrets-{Guid.NewGuid():N}.log");
        await using var server = await ServerProcess.StartAsync(new Dictionary<string, string?>
        {
            ["ConnectionStrings__Storage"] = azurite.ConnectionString,
            ["Durable__TaskHub"] = "Secrets" + Guid.NewGuid().ToString("N")[..12],
            ["PIAPI_API_KEY"] = PiApiKey,
            ["OPENAI_API_KEY"] = OpenAiKey,
            ["Providers__PiApi__BaseUrl"] = emulators.PiApiBaseUrl,
            ["Providers__PiApi__AllowedImageHosts__0"] = "127.0.0.1",
            ["Providers__OpenAI__Endpoint"] = emulators.OpenAiEndpoint,
            // Verbose on purpose: the more the Server says, the more places a key could leak.
            ["Serilog__MinimumLevel__Default"] = "Debug",
        }, logFile: serverLog);
        var client = new FactoryClient(new HttpClient { BaseAddress = server.BaseUrl });

        var jobId = await client.StartJobAsync(Configurations.Job(2, keywords: "red barn\nemulator:fail"));
        var job = await client.WaitForJobAsync(jobId, TimeSpan.FromMinutes(3));
        Assert.Equal(4, job.GetProperty("approvedImages").GetInt32() + job.GetProperty("failedImages").GetInt32());

        var seen = new List<string>
        {
            job.ToString(),
            await client.Http.GetStringAsync("api/jobs"),
            await client.Http.GetStringAsync($"api/jobs/{jobId}/images"),
            await client.Http.GetStringAsync($"api/jobs/{jobId}/logs"),
            await client.Http.GetStringAsync($"api/jobs/{jobId}/logs?format=text"),
            await client.Http.GetStringAsync("api/health"),
            await client.Http.GetStringAsync($"api/images/export.csv?jobId={jobId}"),
        };
        seen.AddRange(await Workbooks.AllCellsAsync(await client.Http.GetByteArrayAsync($"api/jobs/{jobId}/export.xlsx")));
        foreach (var image in await client.ListImagesAsync(jobId))
        {
            seen.Add(await client.Http.GetStringAsync($"api/images/{image.GetProperty("id").GetString()}"));
        }
        var tables = new TableServiceClient(azurite.ConnectionString);
        await foreach (var table in tables.QueryAsync())
        {
            await foreach (var entity in tables.GetTableClient(table.Name).QueryAsync<TableEntity>())
            {
                seen.Add(string.Join("|", entity.Select(p => $"{p.Key}={p.Value}")));
            }
        }
        await server.DisposeAsync();
        seen.AddRange(await File.ReadAllLinesAsync(serverLog));

        Assert.True(seen.Count > 100, $"expected plenty to scan, got {seen.Count} items");
        Assert.Contains(seen, s => s.Contains(jobId));
        Assert.DoesNotContain(seen, s => s.Contains(PiApiKey) || s.Contains(OpenAiKey));
    }
}
