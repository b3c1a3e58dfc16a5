using System.Net;
using System.Text.Json;
using GenImageFactory.Api;
using GenImageFactory.Server.Tests.Support;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace GenImageFactory.Server.Tests;

/// <summary>
/// The path every Functions HTTP trigger takes, without the Functions host (which cannot run here): a
/// route's handler bound by RequestDelegateFactory from a bare HttpContext and the trigger's route values.
/// </summary>
public class ApiRouteHandlersTests(FactoryFixture factory) : IClassFixture<FactoryFixture>
{
    private async Task<(HttpStatusCode Status, JsonElement Body, IHeaderDictionary Headers)> InvokeAsync(
        string route, string method, string path, Dictionary<string, object?>? routeValues = null, object? body = null, string? query = null)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var http = new DefaultHttpContext { RequestServices = scope.ServiceProvider };
        http.Request.Method = method;
        http.Request.Scheme = "https";
        http.Request.Host = new HostString("factory.azurewebsites.net");
        http.Request.Path = path;
        http.Request.QueryString = query is null ? QueryString.Empty : new QueryString(query);
        if (body is not null)
        {
            var bytes = JsonSerializer.SerializeToUtf8Bytes(body);
            (http.Request.Body, http.Request.ContentType, http.Request.ContentLength) = (new MemoryStream(bytes), "application/json", bytes.Length);
        }
        using var response = new MemoryStream();
        http.Response.Body = response;

        await factory.Services.GetRequiredService<ApiRouteHandlers>().InvokeAsync(route, http, routeValues ?? []);

        response.Position = 0;
        var json = response.Length > 0 ? JsonDocument.Parse(response).RootElement.Clone() : default;
        return ((HttpStatusCode)http.Response.StatusCode, json, http.Response.Headers);
    }

    [Fact]
    public async Task Handlers_BindRouteValuesQueryAndBody_AsTheServersEndpointsDo()
    {
        var (startStatus, started, startHeaders) = await InvokeAsync(RouteNames.StartJob, "POST", "/api/jobs", body: new { configuration = Configurations.Job(1, aspectRatios: "1:1") });
        var jobId = started.GetProperty("id").GetString()!;
        var (getStatus, job, _) = await InvokeAsync(RouteNames.GetJob, "GET", $"/api/jobs/{jobId}", new() { ["id"] = jobId });
        var (badStatus, problem, _) = await InvokeAsync(RouteNames.GetJob, "GET", "/api/jobs/NOT_AN_ID", new() { ["id"] = "NOT_AN_ID" });
        var (listStatus, list, _) = await InvokeAsync(RouteNames.ListJobs, "GET", "/api/jobs", query: "?limit=1");
        var (badLimitStatus, limitProblem, _) = await InvokeAsync(RouteNames.ListJobs, "GET", "/api/jobs", query: "?limit=0");

        Assert.Equal(HttpStatusCode.Accepted, startStatus);
        Assert.EndsWith($"/api/jobs/{jobId}", startHeaders.Location.ToString());
        Assert.Equal(HttpStatusCode.OK, getStatus);
        Assert.Equal(jobId, job.GetProperty("id").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, badStatus);
        Assert.True(problem.GetProperty("errors").TryGetProperty("id", out _), problem.ToString());
        Assert.Equal(HttpStatusCode.OK, listStatus);
        Assert.Single(list.GetProperty("items").EnumerateArray());
        Assert.Equal(HttpStatusCode.BadRequest, badLimitStatus);
        Assert.True(limitProblem.GetProperty("errors").TryGetProperty("limit", out _), limitProblem.ToString());
        await factory.Client.WaitForJobAsync(jobId, TimeSpan.FromMinutes(3));
    }
}
