using GenImageFactory.Infrastructure;
using GenImageFactory.Pipeline;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;

var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
builder.Services.AddPipeline().AddInfrastructure(builder.Configuration);
builder.Build().Run();
