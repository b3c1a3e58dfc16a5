using GenImageFactory.Api;
using GenImageFactory.Pipeline;
using GenImageFactory.Server;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.OpenApi;
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
        Assert.Equal(ApiRoutes.All.Select(r => r.Name).Append(ApiDocument.FunctionName).Order(), ApiTriggers().Select(f => f.Name).Order());
        Assert.All(ApiTriggers().Where(f => f.Name != ApiDocument.FunctionName), f => Assert.Equal(f.Name, ApiRoutes.All.Single(r => $"{r.Method} {r.Pattern}" == RouteOf(f, f.Trigger.GetProperty("methods")[0].GetString()!)).Name));
    }

    [Fact]
    public async Task TheOpenApiDocument_IsTheOneTheServerServes()
    {
        // The document the Server's /api/openapi.json endpoint writes, from the provider that endpoint calls.
        // Not started (that needs storage): UseEndpoints links the app's endpoints as starting would.
        await using var server = FactoryServer.Build(["--urls", "http://127.0.0.1:0"]);
        server.UseRouting();
        server.UseEndpoints(_ => { });
        var served = await server.Services.GetRequiredKeyedService<IOpenApiDocumentProvider>(ApiDocument.DocumentName).GetOpenApiDocumentAsync();
        var expected = JsonNode.Parse(await served.SerializeAsJsonAsync(OpenApiSpecVersion.OpenApi3_1))!.AsObject();

        var functions = JsonNode.Parse(await ApiDocument.BuildJsonAsync(server.Services))!.AsObject();

        // Servers are the addresses a request came to, which differ per host; everything else is the API.
        expected.Remove("servers");
        functions.Remove("servers");
        Assert.Equal(ApiDocument.Title, functions["info"]!["title"]!.GetValue<string>());
        Assert.Equal(ApiRoutes.All.Select(r => RoutePatternFactory.Parse(r.Pattern)).Select(p => p.RawText).Distinct().Count(), functions["paths"]!.AsObject().Count);
        Assert.True(JsonNode.DeepEquals(expected, functions), $"the documents differ:\n{expected.ToJsonString()}\n{functions.ToJsonString()}");
    }

    [Fact]
    public void TheApiNeedsAFunctionKey_ExceptTheHealthProbe_TheProvidersWebhook_AndTheDashboardIsServedAtTheRoot()
    {
        foreach (var function in OfType("httpTrigger"))
        {
            // The webhook's caller holds no function key: its handler checks the secret given with the task.
            Assert.Equal(function.Name is RouteNames.GetHealth or Dashboard.FunctionName or RouteNames.ReceiveProviderWebhook ? "Anonymous" : "Function", function.Trigger.GetProperty("authLevel").GetString());
        }
        Assert.Equal(Dashboard.FunctionRoute, Assert.Single(OfType("httpTrigger"), f => f.Name == Dashboard.FunctionName).Trigger.GetProperty("route").GetString());
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
