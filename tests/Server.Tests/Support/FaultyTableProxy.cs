using System.Text;
using GenImageFactory.Local;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace GenImageFactory.Server.Tests.Support;

/// <summary>
/// A loopback HTTP proxy in front of Azurite's table endpoint that answers chosen writes with 503 Server Busy, as
/// a throttled storage account does; everything else is forwarded byte for byte (shared-key signatures stay valid:
/// the path is unchanged). It speaks the real wire protocol, so the Azure SDK's own retries run as in Azure.
/// </summary>
public sealed class FaultyTableProxy : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly HttpClient _forward = new(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false });
    private readonly Uri _azurite;
    private readonly Lock _gate = new();
    private readonly List<Fault> _faults = [];

    private sealed class Fault(string[] markers, int times, int skip)
    {
        public string[] Markers { get; } = markers;
        public int ToSkip { get; set; } = skip;
        public int Remaining { get; set; } = times;
        public int Injected { get; set; }
    }

    public int Port { get; }

    /// <summary>While set, every request (reads too) gets a 503 Server Busy: storage that is down for a while.</summary>
    public bool Down { get; set; }

    private FaultyTableProxy(AzuriteAccount azurite)
    {
        _azurite = new Uri($"http://127.0.0.1:{azurite.TablePort}");
        Port = FreePorts.Next();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{Port}");
        _app = builder.Build();
        _app.Run(ForwardAsync);
    }

    public static FaultyTableProxy Start(AzuriteAccount azurite)
    {
        var proxy = new FaultyTableProxy(azurite);
        proxy._app.StartAsync().GetAwaiter().GetResult();
        return proxy;
    }

    /// <summary>Azurite's connection string with tables reached through this proxy.</summary>
    public string ConnectionString(AzuriteAccount azurite) =>
        azurite.ConnectionString.Replace($"127.0.0.1:{azurite.TablePort}/", $"127.0.0.1:{Port}/", StringComparison.Ordinal);

    /// <summary>The next <paramref name="times"/> writes whose URL and body contain every marker get a 503.</summary>
    /// <returns>How many 503s this fault has answered so far.</returns>
    public Func<int> FailWrites(int times, params string[] markers) => FailWritesAfter(0, times, markers);

    /// <summary>As <see cref="FailWrites"/>, after letting the first <paramref name="skip"/> such writes through.</summary>
    public Func<int> FailWritesAfter(int skip, int times, params string[] markers)
    {
        var fault = new Fault(markers, times, skip);
        lock (_gate)
        {
            _faults.Add(fault);
        }
        return () =>
        {
            lock (_gate)
            {
                return fault.Injected;
            }
        };
    }

    private async Task ForwardAsync(HttpContext context)
    {
        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer);
        var body = buffer.ToArray();
        var request = context.Request;
        // The target as sent, not decoded and encoded again: the shared-key signature covers it.
        var target = context.Features.Get<IHttpRequestFeature>()!.RawTarget;
        if (Down || !HttpMethods.IsGet(request.Method) && ShouldFail($"{Uri.UnescapeDataString(target)}\n{Encoding.UTF8.GetString(body)}"))
        {
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync("""{"odata.error":{"code":"ServerBusy","message":{"lang":"en-US","value":"Injected by the test's proxy."}}}""");
            return;
        }

        using var forward = new HttpRequestMessage(new HttpMethod(request.Method), new Uri(_azurite, target));
        if (body.Length > 0 || request.ContentType is not null)
        {
            forward.Content = new ByteArrayContent(body);
        }
        foreach (var (name, values) in request.Headers)
        {
            if (name is "Host" or "Content-Length" or "Transfer-Encoding" or "Connection")
            {
                continue;
            }
            if (!forward.Headers.TryAddWithoutValidation(name, values.ToArray()))
            {
                forward.Content?.Headers.TryAddWithoutValidation(name, values.ToArray());
            }
        }
        using var answer = await _forward.SendAsync(forward, HttpCompletionOption.ResponseHeadersRead);
        context.Response.StatusCode = (int)answer.StatusCode;
        foreach (var (name, values) in answer.Headers.Concat(answer.Content.Headers))
        {
            if (name is not ("Transfer-Encoding" or "Connection"))
            {
                context.Response.Headers[name] = values.ToArray();
            }
        }
        await answer.Content.CopyToAsync(context.Response.Body);
    }

    private bool ShouldFail(string request)
    {
        lock (_gate)
        {
            var fault = _faults.FirstOrDefault(f => f.Remaining > 0 && f.Markers.All(m => request.Contains(m, StringComparison.Ordinal)));
            if (fault is null)
            {
                return false;
            }
            if (fault.ToSkip > 0)
            {
                fault.ToSkip--;
                return false;
            }
            fault.Remaining--;
            fault.Injected++;
            return true;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        _forward.Dispose();
    }
}
