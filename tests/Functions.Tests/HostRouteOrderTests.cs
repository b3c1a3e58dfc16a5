using System.Text.Json;
using GenImageFactory.Api;
using GenImageFactory.Domain.Jobs;
using GenImageFactory.Local;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Constraints;
using Microsoft.Extensions.DependencyInjection;

namespace GenImageFactory.Functions.Tests;

/// <summary>
/// Replays the Functions host's HTTP routing over the built functions.metadata: the host adds one ASP.NET
/// Core <see cref="Route"/> per function (template = route prefix + route, its methods as a constraint) in
/// the alphabetical order of the function names, and the first route that matches wins — no route
/// precedence (azure-functions-host #9876, #3153). So a trigger is reachable only if no function sorting
/// before it matches its requests.
/// </summary>
public class HostRouteOrderTests
{
    private const string DataToken = "function";
    private static readonly string[] Methods = ["GET", "POST", "PUT", "PATCH", "DELETE"];
    private static readonly DateTimeOffset SampleTime = new(2026, 11, 26, 12, 0, 0, TimeSpan.Zero);

    private static readonly IServiceProvider Services = new ServiceCollection().AddLogging().AddRouting().BuildServiceProvider();
    private static readonly IReadOnlyList<FunctionEntry> HttpTriggers = FunctionsMetadata.Read().Where(f => f.TriggerType == "httpTrigger").ToList();

    /// <summary>The host's route table, in the host's order.</summary>
    private static readonly IReadOnlyList<(string Function, Route Route)> HostRoutes = BuildHostRoutes();

    [Fact]
    public async Task EveryTrigger_ReceivesASampleRequest_InTheHostsOrder()
    {
        var lost = new List<string>();
        foreach (var trigger in HttpTriggers)
        {
            foreach (var method in MethodsOf(trigger))
            {
                var path = SamplePath(trigger);
                var (winner, values) = await FirstMatchAsync(method, path);
                if (winner != trigger.Name)
                {
                    lost.Add($"{method} {path} -> {winner ?? "404"} (meant for {trigger.Name})");
                }
                else if (values.TryGetValue("id", out var id))
                {
                    Assert.Equal(path.Split('/')[2], id);
                }
            }
        }

        Assert.True(lost.Count == 0, $"{lost.Count} requests reach another trigger:\n{string.Join('\n', lost)}");
    }

    [Fact]
    public async Task NoRequest_MatchesTwoTriggers_SoNoOrderCanBreakIt()
    {
        var samples = HttpTriggers.Select(SamplePath).Concat(["api/jobs/estimate", "api/images/export.zip", "api/unknown"]).Distinct();
        var ambiguous = new List<string>();
        foreach (var path in samples)
        {
            foreach (var method in Methods)
            {
                var matching = new List<string>();
                foreach (var (function, route) in HostRoutes)
                {
                    if (await MatchesAsync(route, method, path) is not null)
                    {
                        matching.Add(function);
                    }
                }
                if (matching.Count > 1)
                {
                    ambiguous.Add($"{method} /{path} matches {string.Join(", ", matching)}");
                }
            }
        }

        Assert.True(ambiguous.Count == 0, string.Join('\n', ambiguous));
    }

    [Theory]
    [InlineData("", "index.html")]
    [InlineData("index.html", "index.html")]
    [InlineData("views/main.js", "views/main.js")]
    [InlineData("apis.js", "apis.js")]
    public async Task TheDashboard_ServesItsFiles_AndTheRoot(string path, string file)
    {
        var (winner, values) = await FirstMatchAsync("GET", path);

        Assert.Equal(Dashboard.FunctionName, winner);
        Assert.Equal(file, values["path"]);
    }

    [Theory]
    [InlineData("api")]
    [InlineData("api/")]
    [InlineData("api/unknown")]
    [InlineData("API/Unknown/deeper")]
    [InlineData("api/jobs/2516066851578984513-b933aa64/unknown")]
    public async Task NothingAnswers_AnUnknownApiPath(string path)
    {
        var (winner, _) = await FirstMatchAsync("GET", path);

        Assert.Null(winner);
    }

    /// <summary>A realistic URL for the trigger: each parameter gets a value of the kind the API hands out.</summary>
    private static string SamplePath(FunctionEntry trigger)
    {
        var jobId = JobId.New(SampleTime);
        var segments = Route(trigger).Split('/').Select((segment, i) => !segment.StartsWith('{') ? segment : segment.StartsWith("{*", StringComparison.Ordinal)
            ? "views/main.js"
            : Route(trigger).Split('/')[i - 1] switch
            {
                "jobs" => jobId,
                "images" => ImageMappingId.For(jobId, 3, 1),
                "operations" => $"rerun-{jobId}",
                _ => Guid.NewGuid().ToString("N"),
            });
        return string.Join('/', segments);
    }

    private static string Route(FunctionEntry trigger) => trigger.Trigger.GetProperty("route").GetString()!;

    private static string[] MethodsOf(FunctionEntry trigger) =>
        trigger.Trigger.GetProperty("methods").EnumerateArray().Select(m => m.GetString()!.ToUpperInvariant()).ToArray();

    private static IReadOnlyList<(string, Route)> BuildHostRoutes()
    {
        using var host = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.Root, "host.json")));
        var prefix = host.RootElement.GetProperty("extensions").GetProperty("http").GetProperty("routePrefix").GetString();
        var resolver = Services.GetRequiredService<IInlineConstraintResolver>();
        return HttpTriggers
            .OrderBy(f => f.Name, StringComparer.Ordinal)
            .Select(f => (f.Name, new Route(
                new RouteHandler(_ => Task.CompletedTask),
                f.Name,
                string.IsNullOrEmpty(prefix) ? Route(f) : $"{prefix}/{Route(f)}",
                defaults: null,
                constraints: new Dictionary<string, object> { ["httpMethod"] = new HttpMethodRouteConstraint(MethodsOf(f)) },
                dataTokens: new RouteValueDictionary { [DataToken] = f.Name },
                resolver)))
            .ToList();
    }

    private static async Task<(string? Function, RouteValueDictionary Values)> FirstMatchAsync(string method, string path)
    {
        foreach (var (function, route) in HostRoutes)
        {
            if (await MatchesAsync(route, method, path) is { } values)
            {
                return (function, values);
            }
        }
        return (null, []);
    }

    /// <returns>The route values when the route takes the request, else null.</returns>
    private static async Task<RouteValueDictionary?> MatchesAsync(Route route, string method, string path)
    {
        var http = new DefaultHttpContext { RequestServices = Services };
        http.Request.Method = method;
        http.Request.Path = "/" + path;
        var context = new RouteContext(http);
        await route.RouteAsync(context);
        return context.Handler is null ? null : context.RouteData.Values;
    }
}
