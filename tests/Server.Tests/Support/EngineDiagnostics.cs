using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using GenImageFactory.Local;
using GenImageFactory.Server.Durable;

namespace GenImageFactory.Server.Tests.Support;

/// <summary>A Server's engine counters (<c>/diagnostics/engine</c>), and how long it took to move again after a kill.</summary>
public static class EngineDiagnostics
{
    public static async Task<EngineCounters> CountersAsync(ServerProcess server)
    {
        using var http = new HttpClient { BaseAddress = server.BaseUrl };
        return await CountersAsync(http);
    }

    /// <summary>The counters of the Server <paramref name="http"/> points at.</summary>
    public static async Task<EngineCounters> CountersAsync(HttpClient http) =>
        (await http.GetFromJsonAsync<EngineCounters>("diagnostics/engine", new JsonSerializerOptions(JsonSerializerDefaults.Web)))!;

    /// <summary>Time since the kill when <paramref name="server"/> runs an orchestration episode beyond <paramref name="episodesBefore"/>.</summary>
    public static async Task<TimeSpan> MovingAgainAsync(ServerProcess server, long episodesBefore, Stopwatch sinceKill)
    {
        await Eventually.TrueAsync(
            async () => (await CountersAsync(server)).OrchestrationEpisodes > episodesBefore,
            TimeSpan.FromMinutes(3),
            "an orchestration moved again after the kill");
        return sinceKill.Elapsed;
    }
}
