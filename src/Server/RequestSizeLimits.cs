using GenImageFactory.Api.Apis;
using Microsoft.AspNetCore.Http.Features;

namespace GenImageFactory.Server;

/// <summary>
/// Kestrel answers a request line or header block over its limits (414, 431: too long, too many fields) by itself, with no body, before any
/// middleware runs. Its limits are raised well above the ones this Server keeps (Kestrel's defaults), so that such a
/// request reaches this check and is refused with a problem document naming what was too long. Beyond the raised
/// limits Kestrel still answers bare: buffering more per connection is not worth a nicer refusal.
/// </summary>
public static class RequestSizeLimits
{
    /// <summary>The longest request target (path and query) answered: Kestrel's default request-line limit.</summary>
    public const int MaxTargetLength = 8 * 1024;

    /// <summary>The largest header block answered: Kestrel's default.</summary>
    public const int MaxHeadersLength = 32 * 1024;

    /// <summary>The most header fields answered: Kestrel's default.</summary>
    public const int MaxHeaderCount = 100;

    private const int KestrelLimit = 256 * 1024;

    public static WebApplicationBuilder AddRequestSizeLimits(this WebApplicationBuilder builder)
    {
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Limits.MaxRequestLineSize = KestrelLimit;
            kestrel.Limits.MaxRequestHeadersTotalSize = KestrelLimit;
            kestrel.Limits.MaxRequestHeaderCount = 10 * MaxHeaderCount;
        });
        return builder;
    }

    public static WebApplication UseRequestSizeLimits(this WebApplication app)
    {
        app.Use((context, next) =>
        {
            var target = context.Features.Get<IHttpRequestFeature>()?.RawTarget ?? "";
            if (target.Length > MaxTargetLength)
            {
                return ApiProblems.Refused(StatusCodes.Status414UriTooLong, "url",
                    $"The request's URL is {target.Length:N0} characters long; at most {MaxTargetLength:N0} are accepted.").ExecuteAsync(context);
            }
            if (context.Request.Headers.Count > MaxHeaderCount)
            {
                return ApiProblems.Refused(StatusCodes.Status431RequestHeaderFieldsTooLarge, "headers",
                    $"The request has {context.Request.Headers.Count:N0} header fields; at most {MaxHeaderCount:N0} are accepted.").ExecuteAsync(context);
            }
            var (headersLength, largest) = HeadersLength(context.Request.Headers);
            if (headersLength > MaxHeadersLength)
            {
                return ApiProblems.Refused(StatusCodes.Status431RequestHeaderFieldsTooLarge, largest,
                    $"The request's headers are {headersLength:N0} characters long ('{largest}' the longest); at most {MaxHeadersLength:N0} are accepted.").ExecuteAsync(context);
            }
            return next(context);
        });
        return app;
    }

    /// <summary>Names and values as Kestrel counts them (each line's ": " and line end included), and the longest header's name.</summary>
    private static (int Length, string Largest) HeadersLength(IHeaderDictionary headers)
    {
        var total = 0;
        var largest = "";
        var largestLength = -1;
        foreach (var (name, values) in headers)
        {
            var length = 0;
            foreach (var value in values)
            {
                length += name.Length + (value?.Length ?? 0) + 4;
            }
            total += length;
            if (length > largestLength)
            {
                (largest, largestLength) = (name, length);
            }
        }
        return (total, largest);
    }
}
