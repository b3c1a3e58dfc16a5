using System.Security.Cryptography;
using System.Text;
using GenImageFactory.Api;
using Microsoft.AspNetCore.Authorization;

namespace GenImageFactory.Server;

/// <summary>
/// The Server's optional API key: once <c>Api:Key</c> is set, every <c>/api</c> call must send it in
/// <c>x-api-key</c>, except on the routes the route table marks anonymous (<see cref="ApiRoute.Anonymous"/>:
/// health for probes, and webhooks, whose callers hold none of our keys). Those endpoints carry
/// <see cref="IAllowAnonymous"/>; a path no route matches needs the key, so the key check tells nothing of which
/// paths exist. In Azure, Functions keys do this job.
/// </summary>
public static class ApiKeyAuthentication
{
    public const string Header = "x-api-key";
    public const string Setting = "Api:Key";

    public static WebApplication UseOptionalApiKey(this WebApplication app)
    {
        var key = app.Configuration[Setting];
        if (string.IsNullOrEmpty(key))
        {
            return app;
        }
        var expected = Encoding.UTF8.GetBytes(key);
        app.Use(async (context, next) =>
        {
            // Routing has already chosen the endpoint: WebApplication runs it before the app's own middleware.
            if (!context.Request.Path.StartsWithSegments(ApiRoutes.Prefix)
                || context.GetEndpoint()?.Metadata.GetMetadata<IAllowAnonymous>() is not null
                || Matches(context.Request.Headers[Header], expected))
            {
                await next(context);
                return;
            }
            await Results.Problem(
                statusCode: StatusCodes.Status401Unauthorized,
                title: "An API key is required.",
                detail: $"Send this Server's key in the '{Header}' header.").ExecuteAsync(context);
        });
        return app;
    }

    /// <summary>Constant-time comparison: the time taken says nothing about how much of a guess was right.</summary>
    private static bool Matches(string? sent, byte[] expected) =>
        sent is not null && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(sent), expected);
}
