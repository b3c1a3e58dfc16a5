using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using GenImageFactory.Emulators;
using GenImageFactory.Emulators.Runware;
using GenImageFactory.Infrastructure.Providers;
using GenImageFactory.Pipeline.Models;
using GenImageFactory.Pipeline.Ports;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace GenImageFactory.Infrastructure.Tests.Providers;

/// <summary>
/// Runware with a webhook, over real HTTP: our client against the emulator, whose calls land on a receiver in the same
/// loopback host. The task is acknowledged at once, polled with <c>getResponse</c>, and called back once per image.
/// </summary>
public class RunwareWebhookTests
{
    private const string Secret = "runware-webhook-secret-0123456789";
    private const string Instance = "2516065925610963007-3ab26cb7:b0000";

    [Fact]
    public async Task ATaskSubmittedWithAWebhook_IsPendingUntilItsImagesAreDone_ThenCalledBackPerImage_AndPolledToCompletion()
    {
        var calls = new ConcurrentQueue<(string? Instance, string? Token, JsonNode? Body)>();
        var (app, host) = await LoopbackEmulator.StartAsync(
            new Dictionary<string, string?> { ["Emulators:LatencyMs"] = "1500", ["Emulators:ImageLongSide"] = "128" },
            (s, c) => s.AddRunwareEmulator(c),
            a =>
            {
                a.MapRunwareEmulator("/runware");
                a.MapPost("/api/webhooks/runware", async (HttpRequest request) =>
                {
                    calls.Enqueue((request.Query["instance"], request.Query["token"], await JsonNode.ParseAsync(request.Body)));
                    return Results.Ok();
                });
            });
        await using var _ = app;
        await using var clients = ClientsCalledBackAt(host);
        var client = clients.GetRequiredService<RunwareClient>();
        var webhooks = clients.GetRequiredService<IProviderWebhooks>();

        var submitted = await client.SubmitAsync(new ProviderTaskRequest("a lighthouse at dusk", "1:1", "relax") { WakeInstance = Instance }, CancellationToken.None);
        var early = await client.PollAsync(submitted.TaskId!, CancellationToken.None);

        Assert.Equal(ProviderTaskState.Pending, submitted.State);
        Assert.Equal(ProviderTaskState.Pending, early.State);
        Assert.Equal("processing", early.ProviderStatus);
        var deadline = DateTimeOffset.UtcNow.AddSeconds(30);
        while (calls.Count < 4 && DateTimeOffset.UtcNow < deadline)
        {
            await Task.Delay(50);
        }
        Assert.Equal(4, calls.Count);
        Assert.All(calls, call =>
        {
            Assert.Equal(Instance, call.Instance);
            Assert.True(webhooks.IsGenuine("runware", call.Instance, submitted.TaskId, secret: null, call.Token));
            Assert.False(webhooks.IsGenuine("runware", call.Instance, Guid.NewGuid().ToString(), secret: null, call.Token));
            Assert.DoesNotContain(Secret, call.Token);
            Assert.Equal(submitted.TaskId, (string?)call.Body?["data"]?[0]?["taskUUID"]);
        });
        var done = await client.PollAsync(submitted.TaskId!, CancellationToken.None);
        Assert.Equal(ProviderTaskState.Completed, done.State);
        Assert.Equal(4, done.ImageUrls.Count);
        Assert.Equal(4 * new RunwareEmulatorOptions().CostPerImage, done.Cost);
        Assert.Equal(2, app.Services.GetRequiredService<RunwareEmulator>().PollsPerTask[submitted.TaskId!]);
    }

    [Fact]
    public async Task WithoutAnInstanceToWake_TheTaskStaysSynchronous()
    {
        var (app, host) = await LoopbackEmulator.StartAsync(
            new Dictionary<string, string?> { ["Emulators:ImageLongSide"] = "128" }, (s, c) => s.AddRunwareEmulator(c), a => a.MapRunwareEmulator("/runware"));
        await using var _ = app;
        await using var clients = ClientsCalledBackAt(host);

        var status = await clients.GetRequiredService<RunwareClient>().SubmitAsync(new ProviderTaskRequest("a lighthouse at dusk", "1:1", "relax"), CancellationToken.None);

        Assert.Equal(ProviderTaskState.Completed, status.State);
        Assert.Equal(4, status.ImageUrls.Count);
    }

    /// <summary>Our real clients, pointed at the emulator under <c>/runware</c> and called back at <paramref name="host"/>.</summary>
    private static ServiceProvider ClientsCalledBackAt(string host) => LoopbackEmulator.Clients(new Dictionary<string, string?>
    {
        ["Providers:Runware:BaseUrl"] = $"{host}/runware/",
        ["Providers:Runware:ApiKey"] = new RunwareEmulatorOptions().ApiKey,
        ["Providers:Runware:WebhookBaseUrl"] = $"{host}/",
        ["Providers:Runware:WebhookSecret"] = Secret,
    });

    [Theory]
    [InlineData("https://factory.example.com/", "short")]
    [InlineData("factory.example.com", Secret)]
    public void WebhookSettingsThatCannotWork_StopTheStart_NamingTheSetting(string baseUrl, string secret)
    {
        using var clients = LoopbackEmulator.Clients(new Dictionary<string, string?>
        {
            ["Providers:Runware:WebhookBaseUrl"] = baseUrl,
            ["Providers:Runware:WebhookSecret"] = secret,
        });

        var failure = Assert.ThrowsAny<Exception>(() => clients.GetRequiredService<Microsoft.Extensions.Options.IOptions<ProvidersOptions>>().Value);

        Assert.Contains("Providers:Runware:Webhook", failure.Message);
    }
}
