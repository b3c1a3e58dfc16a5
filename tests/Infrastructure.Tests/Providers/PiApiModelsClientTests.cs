using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using GenImageFactory.Domain.Providers;
using GenImageFactory.Infrastructure.Imaging;
using GenImageFactory.Infrastructure.Providers;
using GenImageFactory.Pipeline.Models;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace GenImageFactory.Infrastructure.Tests.Providers;

/// <summary>Every PiAPI model the client supports, against the emulator over real HTTP and against PiAPI's documented answers.</summary>
public class PiApiModelsClientTests
{
    [Theory]
    [InlineData("", 4, 6000)]
    [InlineData("Qubico/flux1-schnell", 4, 6000)]
    [InlineData("Qubico/flux1-dev", 1, 15000)]
    [InlineData("Qubico/flux1-dev-advanced", 1, 20000)]
    [InlineData("midjourney", 4, 0)]
    public async Task SubmitAndPoll_EachModel_CompletesWithItsImagesShapeAndUsage(string model, int images, int credits)
    {
        await using var host = await PiApiEmulatorHost.StartAsync(clientSettings: s => s["Providers:PiApi:Models:flux1-schnell:ImagesPerTask"] = "4");

        var submitted = await host.Client.SubmitAsync(new("a lighthouse at dusk", "16:9", "relax", model), CancellationToken.None);
        var done = await PiApiClientTests.PollUntilSettledAsync(host.Client, submitted.TaskId!, TimeSpan.FromSeconds(30));

        Assert.Equal(ProviderTaskState.Completed, done.State);
        Assert.Equal(images, done.ImageUrls.Count);
        Assert.Equal(credits, done.Credits);
        Assert.Equal(credits / 1_000_000m, done.Cost);
        var facts = new SkiaImageInspector().Inspect(await host.Downloader.DownloadAsync("piapi", done.ImageUrls[^1], CancellationToken.None));
        Assert.InRange((double)facts.Width / facts.Height, 16 / 9.0 * 0.98, 16 / 9.0 * 1.02);
    }

    [Fact]
    public void TaskBody_Flux_HasWidthAndHeightWithinAMegapixel_AndNoAspectRatio()
    {
        using var services = LoopbackEmulator.Clients(new Dictionary<string, string?> { ["Providers:PiApi:Models:flux1-schnell:ImagesPerTask"] = "3" });
        var client = services.GetRequiredService<PiApiClient>();

        var schnell = client.TaskBody(new("a cat", "9:16", "relax", ""));
        var dev = client.TaskBody(new("a cat", "1:1", "relax", "Qubico/flux1-dev"));
        var midjourney = client.TaskBody(new("a cat --v 6.1", "9:16", "fast", "midjourney"));

        Assert.Equal("""{"model":"Qubico/flux1-schnell","task_type":"txt2img","input":{"prompt":"a cat","width":768,"height":1360,"batch_size":3}}""", schnell.ToJsonString());
        Assert.Equal("""{"model":"Qubico/flux1-dev","task_type":"txt2img","input":{"prompt":"a cat","width":1024,"height":1024}}""", dev.ToJsonString());
        Assert.Equal("""{"model":"midjourney","task_type":"imagine","input":{"prompt":"a cat --v 6.1","aspect_ratio":"9:16","process_mode":"fast"}}""", midjourney.ToJsonString());
    }

    [Theory]
    [InlineData("""{"model":"Qubico/flux1-schnell","task_type":"txt2img","input":{"prompt":"a cat","width":1100,"height":1000}}""", "at most 1048576")]
    [InlineData("""{"model":"Qubico/flux1-dev","task_type":"txt2img","input":{"prompt":"a cat","batch_size":2}}""", "batch_size is only available")]
    [InlineData("""{"model":"Qubico/flux1-dev","task_type":"txt2img","input":{"prompt":"a cat","guidance_scale":7}}""", "guidance_scale")]
    [InlineData("""{"model":"Qubico/flux1-schnell","task_type":"imagine","input":{"prompt":"a cat"}}""", "not supported")]
    [InlineData("""{"model":"midjourney","task_type":"imagine","input":{"prompt":"a cat","aspect_ratio":"wide"}}""", "aspect_ratio")]
    public async Task Emulator_InputPiApiRefuses_Gets400WithTheReason(string body, string reason)
    {
        await using var host = await PiApiEmulatorHost.StartAsync();
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(host.BaseUrl, "api/v1/task")) { Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json") };
        request.Headers.Add("x-api-key", "emulator-key");

        using var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(reason, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("message").GetString());
    }

    [Fact]
    public async Task Submit_OutOfCredits_IsAFatalRefusal()
    {
        await using var host = await PiApiEmulatorHost.StartAsync(s => s["Emulators:PiApi:OutOfCredits"] = "true");

        var status = await host.Client.SubmitAsync(new("a cat", "1:1", "relax"), CancellationToken.None);

        Assert.Equal((ProviderTaskState.Failed, true), (status.State, status.Fatal));
        Assert.Contains("insufficient credits", status.Error);
    }

    [Fact]
    public async Task Submit_ModelNotEnabledOnTheAccount_IsAFatalRefusal()
    {
        await using var host = await PiApiEmulatorHost.StartAsync(s => s["Emulators:PiApi:EnabledModels:0"] = PiApiModels.FluxSchnell.Id);

        var refused = await host.Client.SubmitAsync(new("a cat", "1:1", "relax", PiApiModels.FluxDevAdvanced.Id), CancellationToken.None);
        var allowed = await host.Client.SubmitAsync(new("a cat", "1:1", "relax"), CancellationToken.None);

        Assert.Equal((ProviderTaskState.Failed, true), (refused.State, refused.Fatal));
        Assert.Contains("403", refused.Error);
        Assert.Equal((ProviderTaskState.Pending, false), (allowed.State, allowed.Fatal));
    }

    /// <summary>PiAPI's documented task answers, replayed by a loopback server: the client reads each as documented.</summary>
    [Theory]
    [InlineData("""{"code":200,"data":{"task_id":"t-1","model":"Qubico/flux1-schnell","task_type":"txt2img","status":"completed","input":{},"output":{"image_url":"https://img.theapi.app/temp/a.png"},"meta":{"created_at":"2025-06-11T11:43:31+08:00","usage":{"type":"point","frozen":0,"consume":1500},"is_using_private_pool":false},"detail":null,"logs":[],"error":{"code":0,"raw_message":"","message":"","detail":null}},"message":"success"}""",
        200, "Completed", 1, 1500, false)]
    [InlineData("""{"code":200,"data":{"task_id":"t-1","model":"Qubico/flux1-schnell","task_type":"txt2img","status":"completed","output":{"image_urls":["https://img.theapi.app/temp/a.png","https://img.theapi.app/temp/b.png"]},"meta":{"usage":{"type":"point","frozen":0,"consume":3000}}},"message":"success"}""",
        200, "Completed", 2, 3000, false)]
    [InlineData("""{"code":200,"data":{"task_id":"t-1","status":"Failed","output":{},"meta":{"usage":{"type":"point","frozen":0,"consume":0}},"error":{"code":10000,"raw_message":"nsfw content detected","message":"task failed"}},"message":"success"}""",
        200, "Failed", 0, 0, false)]
    [InlineData("""{"code":200,"data":{"task_id":"t-1","status":"failed","output":null,"error":{"code":10000,"message":"insufficient credits to run the task"}},"message":"success"}""",
        200, "Failed", 0, null, true)]
    [InlineData("""{"code":200,"data":{"task_id":"t-1","status":"staged","output":null,"meta":{"usage":{"type":"point","frozen":1500,"consume":0}}},"message":"success"}""",
        200, "Pending", 0, null, false)]
    [InlineData("""{"code":401,"data":null,"message":"Invalid API key"}""", 200, "Failed", 0, null, true)]
    [InlineData("""{"code":400,"data":null,"message":"input.prompt is required"}""", 400, "Failed", 0, null, false)]
    public async Task Poll_DocumentedAnswer_IsReadAsDocumented(string answer, int httpStatus, string state, int images, int? credits, bool fatal)
    {
        var settings = new Dictionary<string, string?>();
        var (app, host) = await LoopbackEmulator.StartAsync(settings, (_, _) => { },
            a => a.MapGet("/api/v1/task/{id}", () => Results.Text(answer, "application/json", statusCode: httpStatus)));
        await using var _ = app;
        using var services = LoopbackEmulator.Clients(new Dictionary<string, string?> { ["Providers:PiApi:BaseUrl"] = host + "/", ["Providers:PiApi:ApiKey"] = "k" });

        var status = await services.GetRequiredService<PiApiClient>().PollAsync("t-1", CancellationToken.None);

        Assert.Equal(Enum.Parse<ProviderTaskState>(state), status.State);
        Assert.Equal(images, status.ImageUrls.Count);
        Assert.Equal(credits, (int?)status.Credits);
        Assert.Equal(fatal, status.Fatal);
    }
}
