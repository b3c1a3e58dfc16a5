using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging;

namespace GenImageFactory.Infrastructure.Storage;

/// <summary>
/// Answers a request that failed because storage is down, throttled or not ready yet (<see cref="StorageOutages"/>)
/// with 503 and <c>Retry-After</c>, a problem document a client can act on, instead of a 500 that reads as a bug.
/// Both hosts ask it: the Server through its exception handler middleware, the Functions app around each route.
/// </summary>
public sealed class StorageOutageHandler(StorageInitializer storage, IProblemDetailsService problems, ILogger<StorageOutageHandler> logger) : IExceptionHandler
{
    /// <summary>How long a client should wait: about the time the SDK's retries already spent, once more.</summary>
    public static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(10);

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (httpContext.Response.HasStarted || !StorageOutages.IsOutage(exception, storage.IsReady))
        {
            return false;
        }
        logger.StorageUnavailable(exception.Message, httpContext.Request.Method, httpContext.Request.Path.Value ?? "");
        httpContext.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        httpContext.Response.Headers.RetryAfter = $"{RetryAfter.TotalSeconds:0}";
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails = new ProblemDetails
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Title = "Storage is unavailable.",
                Detail = $"The factory's storage did not answer or is busy; try again in {RetryAfter.TotalSeconds:0} s (Retry-After). A change this request began may or may not have been made: read before repeating it.",
            },
        });
    }
}
