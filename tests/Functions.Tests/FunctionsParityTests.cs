using GenImageFactory.Api;
using GenImageFactory.Pipeline;
using GenImageFactory.Server;
using Microsoft.AspNetCore.Routing;

namespace GenImageFactory.Functions.Tests;

/// <summary>The Functions app and the Server expose the same routes and run the same orchestrations and activities.</summary>
public class FunctionsParityTests
{
    private static readonly IReadOnlyList<FunctionEntry> Functions = FunctionsMetadata.Read();

    private static IEnumerable<FunctionEntry> OfType(string triggerType) => Functions.Where(f => f.TriggerType == triggerType);

    /// <summary>The HTTP triggers of the API (the other one serves the dashboard).</summary>
    private static IEnumerable<FunctionEntry> ApiTriggers() =>
        OfType("httpTrigger").Where(f => f.Trigger.GetProperty("route").GetString()!.StartsWith("api/", StringComparison.Ordinal));

    /// <summary>The API routes the Server really maps (its endpoints, not the table it maps them from).</summary>
    private static HashSet<string> ServerRoutes()
    {
        var app = FactoryServer.Build(["--urls", "http://127.0.0.1:0"]);
        return ((IEndpointRouteBuilder)app).DataSources
            .SelectMany(source => source.Endpoints)
            .OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText!.StartsWith("/api/", StringComparison.Ordinal))
            // The OpenAPI document describes the Server's endpoints; it is the one route only the Server has.
            .Where(e => e.RoutePattern.RawText != "/api/openapi.json")
            .SelectMany(e => e.Metadata.GetMetadata<HttpMethodMetadata>()!.HttpMethods.Select(m => $"{m} {e.RoutePattern.RawText!.TrimEnd('/')}"))
            .ToHashSet();
    }

    [Fact]
    public void EveryFunctionHasOneKnownTrigger_AndNoNameTwice()
    {
        Assert.All(Functions, f => Assert.Contains(f.TriggerType, new[] { "httpTrigger", "orchestrationTrigger", "activityTrigger", "timerTrigger" }));
        Assert.Equal(Functions.Count, Functions.Select(f => f.Name).Distinct().Count());
    }

    [Fact]
    public void HttpTriggers_AreExactlyTheServersRoutes_WithTheSameNames()
    {
        static string RouteOf(FunctionEntry f, string method) => $"{method.ToUpperInvariant()} /{f.Trigger.GetProperty("route").GetString()}";
        var functionRoutes = ApiTriggers()
            .SelectMany(f => f.Trigger.GetProperty("methods").EnumerateArray().Select(m => RouteOf(f, m.GetString()!)))
            .ToHashSet();

        Assert.Equal(ServerRoutes().Order(), functionRoutes.Order());
        Assert.Equal(ApiRoutes.All.Select(r => r.Name).Order(), ApiTriggers().Select(f => f.Name).Order());
        Assert.All(ApiTriggers(), f => Assert.Equal(f.Name, ApiRoutes.All.Single(r => $"{r.Method} {r.Pattern}" == RouteOf(f, f.Trigger.GetProperty("methods")[0].GetString()!)).Name));
    }

    [Fact]
    public void TheApiNeedsAFunctionKey_ExceptTheHealthProbe_AndTheDashboardIsServedAtTheRoot()
    {
        foreach (var function in OfType("httpTrigger"))
        {
            Assert.Equal(function.Name is "GetHealth" or "Dashboard" ? "Anonymous" : "Function", function.Trigger.GetProperty("authLevel").GetString());
        }
        Assert.Equal(Dashboard.FunctionRoute, Assert.Single(OfType("httpTrigger"), f => f.Name == "Dashboard").Trigger.GetProperty("route").GetString());
    }

    [Fact]
    public void OrchestratorsAndActivities_AreThoseTheServerRegisters()
    {
        Assert.Equal(PipelineTasks.Orchestrators.Select(t => t.Name).Order(), OfType("orchestrationTrigger").Select(f => f.Name).Order());
        Assert.Equal(PipelineTasks.Activities.Select(t => t.Name).Order(), OfType("activityTrigger").Select(f => f.Name).Order());
    }

    [Fact]
    public void TheSchedulerRunsEveryMinute()
    {
        var timer = Assert.Single(OfType("timerTrigger"));
        Assert.Equal("RunDueSchedules", timer.Name);
        Assert.Equal("0 * * * * *", timer.Trigger.GetProperty("schedule").GetString());
    }
}
