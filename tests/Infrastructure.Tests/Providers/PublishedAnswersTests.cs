using System.Net;
using GenImageFactory.Infrastructure.Providers;
using GenImageFactory.Pipeline.Models;
using GenImageFactory.Pipeline.Ports;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace GenImageFactory.Infrastructure.Tests.Providers;

/// <summary>
/// The providers' answers as their documentation publishes them (or as gateways send them), replayed over real HTTP to
/// our real clients: each is read as the provider meant it, or refused with its reason; none crashes a step.
/// </summary>
public class PublishedAnswersTests
{
    /// <summary>A server that answers every request on <paramref name="path"/> with the given status, type and body.</summary>
    private static async Task<(WebApplication App, ServiceProvider Clients)> ReplayAsync(string provider, string path, int status, string contentType, string body)
    {
        var (app, host) = await LoopbackEmulator.StartAsync(new Dictionary<string, string?>(), (_, _) => { }, a =>
            a.Map(path, (HttpContext http) => Results.Text(body, contentType, statusCode: status)));
        var clients = LoopbackEmulator.Clients(new Dictionary<string, string?>
        {
            [$"Providers:{provider}:BaseUrl"] = $"{host}/",
            [$"Providers:{provider}:ApiKey"] = "test-key",
            [$"Providers:{provider}:AllowedImageHosts:0"] = "http://127.0.0.1",
        });
        return (app, clients);
    }

    private static readonly ProviderTaskRequest Request = new("a red fox in snow", "1:1", "relax");

    /// <summary>runware.ai/docs/en/image-inference/introduction: the answer names the task it was sent as, not ours.</summary>
    [Fact]
    public async Task Runware_TheDocumentedImageInferenceAnswer_CompletesWithItsImagesAndCost()
    {
        const string published = """
            {"data":[{"taskType":"imageInference","imageUUID":"97ae27b6-0b3f-4a33-9b3e-0a8d5d2e9b4c","taskUUID":"a770f077-f413-47de-9dac-be0b26a35da6","NSFWContent":false,"cost":0.0027,"seed":3614157524222286418,"imageURL":"https://im.runware.ai/image/ws/2/ii/97ae27b6-0b3f-4a33-9b3e-0a8d5d2e9b4c.jpg"},
                     {"taskType":"imageInference","imageUUID":"1c2d3e4f-0b3f-4a33-9b3e-0a8d5d2e9b4c","taskUUID":"a770f077-f413-47de-9dac-be0b26a35da6","NSFWContent":false,"cost":0.0027,"seed":3614157524222286419,"imageURL":"https://im.runware.ai/image/ws/2/ii/1c2d3e4f-0b3f-4a33-9b3e-0a8d5d2e9b4c.jpg"}]}
            """;
        var (app, clients) = await ReplayAsync("Runware", "/v1", 200, "application/json", published);
        await using var _ = app;
        await using var __ = clients;

        var status = await clients.GetRequiredService<RunwareClient>().SubmitAsync(Request, CancellationToken.None);

        Assert.Equal(ProviderTaskState.Completed, status.State);
        Assert.Equal(2, status.ImageUrls.Count);
        Assert.Equal(0.0054m, status.Cost);
    }

    /// <summary>
    /// runware.ai/docs/platform/task-polling: <c>getResponse</c> lists each image of an asynchronous task as processing,
    /// success or error; the task is taken when none is still processing.
    /// </summary>
    [Theory]
    [InlineData(200, """{"data":[{"taskType":"imageInference","taskUUID":"50836053-a0ee-4cf5-b9d6-ae7c5d140ada","status":"processing"}]}""", ProviderTaskState.Pending, 0)]
    [InlineData(200, """{"data":[{"taskType":"imageInference","taskUUID":"50836053-a0ee-4cf5-b9d6-ae7c5d140ada","status":"success","imageURL":"https://im.runware.ai/a.jpg","cost":0.0013},{"taskType":"imageInference","taskUUID":"50836053-a0ee-4cf5-b9d6-ae7c5d140ada","status":"processing"}]}""", ProviderTaskState.Pending, 0)]
    [InlineData(200, """{"data":[{"taskType":"imageInference","taskUUID":"50836053-a0ee-4cf5-b9d6-ae7c5d140ada","status":"success","imageURL":"https://im.runware.ai/a.jpg","cost":0.0013},{"taskType":"imageInference","taskUUID":"50836053-a0ee-4cf5-b9d6-ae7c5d140ada","status":"success","imageURL":"https://im.runware.ai/b.jpg","cost":0.0013}]}""", ProviderTaskState.Completed, 2)]
    [InlineData(200, """{"data":[{"taskType":"imageInference","taskUUID":"50836053-a0ee-4cf5-b9d6-ae7c5d140ada","status":"success","imageURL":"https://im.runware.ai/a.jpg"}],"errors":[{"code":"unsafeContent","message":"An image was withheld.","taskUUID":"50836053-a0ee-4cf5-b9d6-ae7c5d140ada","status":"error"}]}""", ProviderTaskState.Completed, 1)]
    [InlineData(200, """{"data":[{"taskType":"imageInference","taskUUID":"50836053-a0ee-4cf5-b9d6-ae7c5d140ada","status":"error"}]}""", ProviderTaskState.Failed, 0)]
    [InlineData(400, """{"errors":[{"code":"invalidTaskUUID","message":"No task has this taskUUID.","taskUUID":"50836053-a0ee-4cf5-b9d6-ae7c5d140ada"}]}""", ProviderTaskState.Failed, 0)]
    public async Task Runware_GetResponseAnswers_AreReadImageByImage(int status, string published, ProviderTaskState state, int images)
    {
        var (app, clients) = await ReplayAsync("Runware", "/v1", status, "application/json", published);
        await using var _ = app;
        await using var __ = clients;

        var answer = await clients.GetRequiredService<RunwareClient>().PollAsync("50836053-a0ee-4cf5-b9d6-ae7c5d140ada", CancellationToken.None);

        Assert.Equal(state, answer.State);
        Assert.Equal(images, answer.ImageUrls.Count);
    }

    /// <summary>runware.ai/docs/platform/errors: errors are per task, and other results of the answer stand.</summary>
    [Fact]
    public async Task Runware_ImagesWithAnErrorBeside_AreKept_AndAProviderTimeoutIsWorthAnotherTry()
    {
        const string mixed = """{"data":[{"taskType":"imageInference","taskUUID":"x","imageURL":"https://im.runware.ai/a.jpg","cost":0.001}],"errors":[{"code":"timeoutProvider","message":"The provider timed out.","taskUUID":"y"}]}""";
        const string timedOut = """{"errors":[{"code":"timeoutProvider","message":"The provider timed out.","parameter":"model","taskUUID":"x"}]}""";
        var (mixedApp, mixedClients) = await ReplayAsync("Runware", "/v1", 200, "application/json", mixed);
        var (timeoutApp, timeoutClients) = await ReplayAsync("Runware", "/v1", 400, "application/json", timedOut);
        await using var _ = mixedApp;
        await using var __ = mixedClients;
        await using var ___ = timeoutApp;
        await using var ____ = timeoutClients;

        var kept = await mixedClients.GetRequiredService<RunwareClient>().SubmitAsync(Request, CancellationToken.None);
        var retry = await Assert.ThrowsAsync<HttpRequestException>(() => timeoutClients.GetRequiredService<RunwareClient>().SubmitAsync(Request, CancellationToken.None));

        Assert.Equal(ProviderTaskState.Completed, kept.State);
        Assert.Single(kept.ImageUrls);
        Assert.Contains("timeoutProvider", retry.Message);
    }

    /// <summary>
    /// piapi.ai/docs/midjourney-api/imagine: <c>image_url</c> is the 2x2 grid, <c>image_urls</c> and
    /// <c>temporary_image_urls</c> its four images, which some plans leave out; then the grid is to be cut.
    /// </summary>
    [Theory]
    [InlineData("""{"image_url":"https://img.theapi.app/mj/grid.png","image_urls":["https://img.theapi.app/mj/0.png","https://img.theapi.app/mj/1.png","https://img.theapi.app/mj/2.png","https://img.theapi.app/mj/3.png"],"temporary_image_urls":null}""", 4, 0)]
    [InlineData("""{"image_url":"https://img.theapi.app/mj/grid.png","image_urls":null,"temporary_image_urls":null,"discord_image_url":""}""", 1, 2)]
    [InlineData("""{"image_url":"https://img.theapi.app/mj/grid.png","image_urls":[],"temporary_image_urls":[]}""", 1, 2)]
    public async Task PiApi_AMidjourneyImagine_WithOrWithoutItsSplitImages(string output, int urls, int gridSide)
    {
        var published = """{"code":200,"data":{"task_id":"mj-1","model":"midjourney","task_type":"imagine","status":"completed","output":""" + output
            + ""","meta":{"usage":{"type":"point","frozen":0,"consume":0}},"error":{"code":0,"message":""}},"message":"success"}""";
        var (app, clients) = await ReplayAsync("PiApi", "/api/v1/task/{id}", 200, "application/json", published);
        await using var _ = app;
        await using var __ = clients;

        var status = await clients.GetRequiredService<PiApiClient>().PollAsync("mj-1", CancellationToken.None);

        Assert.Equal(ProviderTaskState.Completed, status.State);
        Assert.Equal((urls, gridSide), (status.ImageUrls.Count, status.GridSide));
    }

    /// <summary>piapi.ai/docs/flux-api/text-to-image publishes its example with a comment in it.</summary>
    [Fact]
    public async Task PiApi_TheDocumentedFluxExample_WithItsComment_IsAPendingTask()
    {
        const string published = """
            {
              "code": 200,
              "data": {
                "task_id": "49638cd2-4689-4f33-9336-164a8f6b1111",
                "model": "Qubico/flux1-dev",
                "task_type": "txt2img",
                "status": "", // pending/processing/failed/completed
                "input": {},
                "output": null,
                "meta": {"usage": {"type": "point", "frozen": "0", "consume": "0"}},
                "error": {"code": 0, "message": ""}
              },
              "message": "success"
            }
            """;
        var (app, clients) = await ReplayAsync("PiApi", "/api/v1/task/{id}", 200, "application/json", published);
        await using var _ = app;
        await using var __ = clients;

        var status = await clients.GetRequiredService<PiApiClient>().PollAsync("49638cd2-4689-4f33-9336-164a8f6b1111", CancellationToken.None);

        Assert.Equal(ProviderTaskState.Pending, status.State);
    }

    /// <summary>A gateway's page instead of PiAPI's JSON: the status decides (a lost task fails, a refused key stops the job).</summary>
    [Theory]
    [InlineData(404, "text/plain", "Not Found", false)]
    [InlineData(401, "text/html", "<html><body>401 Authorization Required</body></html>", true)]
    [InlineData(200, "application/json", """{"code":10000,"data":null,"message":"insufficient quota"}""", true)]
    public async Task PiApi_AnAnswerThatIsNotATask_IsRefusedWithItsReason_NotRetried(int httpStatus, string type, string body, bool fatal)
    {
        var (app, clients) = await ReplayAsync("PiApi", "/api/v1/task/{id}", httpStatus, type, body);
        await using var _ = app;
        await using var __ = clients;

        var status = await clients.GetRequiredService<PiApiClient>().PollAsync("gone", CancellationToken.None);

        Assert.Equal(ProviderTaskState.Failed, status.State);
        Assert.Equal(fatal, status.Fatal);
        Assert.DoesNotContain(": OK", status.Error);
    }

    /// <summary>remove.bg's JSON form (its OpenAPI document): the image is in data.result_b64.</summary>
    [Fact]
    public async Task RemoveBg_TheJsonAnswer_GivesTheImageItCarries()
    {
        var png = GenImageFactory.Emulators.Imaging.PlaceholderImageRenderer.RenderPng(GenImageFactory.Domain.Configuration.AspectRatio.Parse("1:1"), 32, seed: 7);
        var (app, clients) = await ReplayAsync("RemoveBg", "/v1.0/removebg", 200, "application/json", "{\"data\":{\"result_b64\":\"" + Convert.ToBase64String(png) + "\"}}");
        await using var _ = app;
        await using var __ = clients;

        var result = await clients.GetRequiredService<IBackgroundRemover>().RemoveAsync(png, "auto", CancellationToken.None);

        Assert.Equal(png, result);
    }
}
