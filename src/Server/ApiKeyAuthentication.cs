using System.Security.Cryptography;
using System.Text;

namespace GenImageFactory.Server;

/// <summary>
/// The Server's optional API key: once <c>Api:Key</c> is set, every <c>/api</c> call must send it
/// in <c>x-api-key</c>, except <c>GET /api/health</c> (probes) and <c>/api/webhooks</c> (providers calling back, which
/// hold none of our keys: the handler checks the secret given with the task). In Azure, Functions keys do this job.
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
            var path = context.Request.Path;
            if (!path.StartsWithSegments("/api") || path.StartsWithSegments("/api/health") || path.StartsWithSegments("/api/webhooks") || Matches(context.Request.Headers[Header], expected))
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
