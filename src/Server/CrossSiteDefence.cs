using System.Net;
using GenImageFactory.Api.Apis;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace GenImageFactory.Server;

/// <summary>
/// What keeps a web page the operator visits from using this Server, key or no key: only allowed <c>Host</c>
/// names are answered (DNS rebinding), a state-changing call from another origin is refused (CSRF), and JSON
/// bodies must say so (a cross-site <c>text/plain</c> POST needs no preflight). The embedded emulators answer
/// loopback callers only.
/// </summary>
public static class CrossSiteDefence
{
    /// <summary>Extra host names, separated by ';' (<c>*</c> allows any). Loopback and the bound addresses are always allowed.</summary>
    public const string AllowedHostsSetting = "AllowedHosts";

    /// <summary>Lets callers other than loopback reach <c>/emulators</c> (e.g. a provider emulator shared by a test rig).</summary>
    public const string RemoteEmulatorsSetting = "Emulators:AllowRemoteCallers";

    private static readonly string[] LoopbackNames = ["localhost", "127.0.0.1", "[::1]", "::1"];

    /// <summary>
    /// ASP.NET Core's own host filtering reads the same setting but would also refuse loopback and the bound
    /// addresses; it is opened up so this middleware alone decides, and answers with a problem document.
    /// </summary>
    public static IServiceCollection AddCrossSiteDefence(this IServiceCollection services) =>
        services.PostConfigure<Microsoft.AspNetCore.HostFiltering.HostFilteringOptions>(o => o.AllowedHosts = ["*"]);

    public static WebApplication UseCrossSiteDefence(this WebApplication app)
    {
        var configured = (app.Configuration[AllowedHostsSetting] ?? "")
            .Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var anyHost = configured.Contains("*");
        var remoteEmulators = app.Configuration.GetValue(RemoteEmulatorsSetting, false);
        HashSet<string>? allowed = null;

        app.Use(async (context, next) =>
        {
            allowed ??= AllowedHosts(app, configured);
            var request = context.Request;
            if (!anyHost && !allowed.Contains(request.Host.Host))
            {
                await RefuseAsync(context, StatusCodes.Status400BadRequest, "Host",
                    $"This Server does not answer for host '{request.Host.Host}'. Add it to the '{AllowedHostsSetting}' setting to serve it.");
                return;
            }
            if (request.Path.StartsWithSegments("/emulators") && !remoteEmulators && !IsLoopback(context.Connection.RemoteIpAddress))
            {
                await RefuseAsync(context, StatusCodes.Status403Forbidden, "caller", "The embedded emulators answer loopback callers only.");
                return;
            }
            if (!HttpMethods.IsGet(request.Method) && !HttpMethods.IsHead(request.Method) && !HttpMethods.IsOptions(request.Method))
            {
                if (request.Headers.Origin is [{ } origin] && !anyHost && !IsAllowedOrigin(origin, allowed))
                {
                    await RefuseAsync(context, StatusCodes.Status403Forbidden, "Origin", $"Calls from the page at '{origin}' are refused: it is another site.");
                    return;
                }
                if (request.Path.StartsWithSegments("/api") && HasBody(request))
                {
                    if (!IsJson(request.ContentType))
                    {
                        await RefuseAsync(context, StatusCodes.Status415UnsupportedMediaType, "Content-Type", "Request bodies must be JSON sent as 'application/json', in UTF-8.");
                        return;
                    }
                    if (!IsIdentity(request.Headers.ContentEncoding))
                    {
                        // Read as it came, a compressed body is not JSON: say what is wrong with it, not that its text is.
                        await RefuseAsync(context, StatusCodes.Status415UnsupportedMediaType, "Content-Encoding", "Request bodies must be sent uncompressed (no Content-Encoding).");
                        return;
                    }
                }
            }
            await next(context);
        });
        return app;
    }

    private static HashSet<string> AllowedHosts(WebApplication app, IEnumerable<string> configured)
    {
        var hosts = new HashSet<string>(LoopbackNames.Concat(configured), StringComparer.OrdinalIgnoreCase);
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        foreach (var address in addresses)
        {
            var host = address.Split("://", 2).Last().Split('/')[0];
            host = host.StartsWith('[') ? host[..(host.IndexOf(']') + 1)] : host.Split(':')[0];
            hosts.Add(host);
            if (host is "0.0.0.0" or "[::]" or "+" or "*")
            {
                // Bound to every interface: the machine's own name is one the operator may use.
                hosts.Add(Environment.MachineName);
            }
        }
        return hosts;
    }

    private static bool IsAllowedOrigin(string origin, HashSet<string> allowed) =>
        Uri.TryCreate(origin, UriKind.Absolute, out var uri) && allowed.Contains(uri.Host);

    private static bool IsLoopback(IPAddress? address) => address is null || IPAddress.IsLoopback(address);

    private static bool HasBody(HttpRequest request) =>
        request.ContentLength > 0 || (request.ContentLength is null && request.Headers.TransferEncoding.Count > 0);

    /// <summary>
    /// JSON, in UTF-8 (RFC 8259): a body declared in another charset would be read as UTF-8 and mean something else. A
    /// charset given (quoted or not) must be one, and UTF-8.
    /// </summary>
    private static bool IsJson(string? contentType) =>
        Microsoft.Net.Http.Headers.MediaTypeHeaderValue.TryParse(contentType, out var media)
        && (media.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            || media.Suffix.Equals("json", StringComparison.OrdinalIgnoreCase))
        && media.Parameters.Where(p => p.Name.Equals("charset", StringComparison.OrdinalIgnoreCase)).ToList() is var charsets
        && (charsets.Count == 0 || (charsets.Count == 1
            && Microsoft.Net.Http.Headers.HeaderUtilities.RemoveQuotes(charsets[0].Value).ToString().ToLowerInvariant() is "utf-8" or "utf8"));

    /// <summary>No Content-Encoding, or only <c>identity</c>: the body is its bytes as sent.</summary>
    private static bool IsIdentity(Microsoft.Extensions.Primitives.StringValues encodings) =>
        encodings.SelectMany(e => (e ?? "").Split(',')).Select(e => e.Trim()).All(e => e.Length == 0 || e.Equals("identity", StringComparison.OrdinalIgnoreCase));

    private static Task RefuseAsync(HttpContext context, int status, string field, string detail) =>
        ApiProblems.Refused(status, field, detail).ExecuteAsync(context);
}
