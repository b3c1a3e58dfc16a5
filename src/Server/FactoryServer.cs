using GenImageFactory.Api;
using GenImageFactory.Infrastructure;
using GenImageFactory.Pipeline;
using GenImageFactory.Server.Durable;
using GenImageFactory.Server.Schedules;
using GenImageFactory.Infrastructure.Logging;

namespace GenImageFactory.Server;

/// <summary>Composes the self-hosted factory; tests and the bench build the same app in-process.</summary>
public static class FactoryServer
{
    public static WebApplication Build(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.AddRequestSizeLimits();
        builder.Services.AddFactoryLogging(builder.Configuration);
        builder.AddEmbeddedEmulators();
        builder.Services
            .AddPipeline()
            .AddInfrastructure(builder.Configuration)
            .AddApi()
            .AddDurableEngine(builder.Configuration)
            .AddScheduleTimer(builder.Configuration)
            .AddCrossSiteDefence();

        var app = builder.Build();
        // A body over its route's limit (413) or cut short (400) is the caller's doing, not a server error.
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            StatusCodeSelector = ex => ex is BadHttpRequestException bad ? bad.StatusCode : StatusCodes.Status500InternalServerError,
            // Not logged as an error: anyone can send an oversized body, and the log is the operator's.
            SuppressDiagnosticsCallback = context => context.Exception is BadHttpRequestException,
        });
        app.UseStatusCodePages();
        app.UseRequestSizeLimits();
        // Before routing, so a HEAD finds its GET route; routing then runs here, explicitly, not first.
        app.UseHeadAsGet();
        app.UseRouting();
        app.UseCrossSiteDefence();
        app.UseOptionalApiKey();
        app.UseDashboard();
        app.MapApi();
        app.MapEmbeddedEmulators();
        // Outside /api: a Server diagnostic, not part of the product's API (the Functions host has its own telemetry).
        app.MapGet("/diagnostics/engine", (DurableEngine engine) => engine.Counters).ExcludeFromDescription();
        return app;
    }
}
