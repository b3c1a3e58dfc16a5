namespace GenImageFactory.Server;

/// <summary>
/// HEAD asks for what GET would answer without its body (monitors, <c>curl -I</c>, link checkers on
/// <c>contentUrl</c>). The routes are mapped for GET, so a HEAD is routed as one; Kestrel still sends no body,
/// since it answers the request line it read, and the headers (status, type, length) are GET's.
/// </summary>
public static class HeadRequests
{
    public static WebApplication UseHeadAsGet(this WebApplication app)
    {
        app.Use((context, next) =>
        {
            if (HttpMethods.IsHead(context.Request.Method))
            {
                context.Request.Method = HttpMethods.Get;
            }
            return next(context);
        });
        return app;
    }
}
