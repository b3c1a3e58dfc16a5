using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace GenImageFactory.Functions;

/// <summary>Liveness of the Functions app (the full readiness check arrives with the durable wiring).</summary>
public static class HealthFunction
{
    [Function("GetHealth")]
    public static IActionResult Run([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "health")] HttpRequest request) =>
        new OkObjectResult(new { status = "healthy" });
}
