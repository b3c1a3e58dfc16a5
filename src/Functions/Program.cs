using GenImageFactory.Api;
using GenImageFactory.Functions;
using GenImageFactory.Infrastructure;
using GenImageFactory.Infrastructure.Logging;
using GenImageFactory.Pipeline;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

// The cloud host of the same Pipeline, Infrastructure and Api the Server composes.
var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
builder.Services
    .AddApplicationInsightsTelemetryWorkerService()
    .ConfigureFunctionsApplicationInsights()
    .AddEntraTelemetry(builder.Configuration);
builder.Services.AddFactoryLogging(builder.Configuration, writeToProviders: true);
builder.Services
    .AddPipeline()
    .AddInfrastructure(builder.Configuration)
    .AddApi()
    .AddFunctionsHost();
var app = builder.Build();
// Poll steps waiting between polls give way at once, so the host's shutdown does not wait for them.
app.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping.Register(app.Services.GetRequiredService<WorkerShutdown>().Begin);
app.Run();
