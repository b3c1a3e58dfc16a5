using GenImageFactory.Domain.Images;
using GenImageFactory.Pipeline.Ports;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace GenImageFactory.Infrastructure.Tests.Providers;

/// <summary>A host that sends an endless image (no length declared, or a false one) cannot exhaust the worker's memory.</summary>
public class ImageDownloaderTests
{
    private static async Task<(IAsyncDisposable App, IImageDownloader Downloader, ServiceProvider Services, string BaseUrl)> StartAsync()
    {
        var (app, host) = await LoopbackEmulator.StartAsync(new Dictionary<string, string?>(), (_, _) => { }, a =>
        {
            // Chunked, with no Content-Length: only counting the bytes as they arrive can stop it.
            a.MapGet("/endless.png", async (HttpContext context) =>
            {
                var chunk = new byte[64 * 1024];
                for (long sent = 0; sent <= ImageLimits.MaxEncodedBytes * 2 && !context.RequestAborted.IsCancellationRequested; sent += chunk.Length)
                {
                    await context.Response.Body.WriteAsync(chunk, context.RequestAborted);
                }
            });
            a.MapGet("/small.png", () => Results.Bytes(new byte[1024], "image/png"));
        });
        var services = LoopbackEmulator.Clients(new Dictionary<string, string?>
        {
            ["Providers:PiApi:AllowedImageHosts:0"] = "http://127.0.0.1",
            ["Providers:PiApi:ApiKey"] = "k",
        });
        return (app, services.GetRequiredService<IImageDownloader>(), services, host);
    }

    [Fact]
    public async Task Download_OfAnUndeclaredEndlessBody_StopsAtTheCap()
    {
        var (app, downloader, services, host) = await StartAsync();
        await using var _ = app;
        await using var __ = services;

        var error = await Assert.ThrowsAsync<ImageDownloadException>(() => downloader.DownloadAsync("piapi", $"{host}/endless.png", CancellationToken.None));
        var small = await downloader.DownloadAsync("piapi", $"{host}/small.png?sig=secret", CancellationToken.None);

        Assert.Contains($"larger than {ImageLimits.MaxEncodedBytes} bytes", error.Message);
        Assert.DoesNotContain("sig=", error.Message);
        Assert.Equal(1024, small.Length);
    }
}
