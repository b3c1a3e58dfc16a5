using GenImageFactory.Api;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace GenImageFactory.Functions.Http;

/// <summary>
/// Every route of <see cref="Api.ApiRoutes"/> as an HTTP trigger of the same name, method and route (a test
/// compares this app's function metadata with the Server's endpoints). Function keys guard the API;
/// the health probe and the dashboard are anonymous. host.json's route prefix is empty so that the
/// dashboard can be served at <c>/</c>; the API routes carry their <c>api/</c>.
/// </summary>
public sealed class ApiFunctions(ApiRouteInvoker invoker, ApiDocument openApi)
{
    [Function("ListImages")]
    public Task<IActionResult> ListImages([HttpTrigger(AuthorizationLevel.Function, "get", Route = "api/images")] HttpRequest request, [DurableClient] DurableTaskClient client, FunctionContext context) =>
        invoker.InvokeAsync("ListImages", request, client, context);

    [Function("ApproveImage")]
    public Task<IActionResult> ApproveImage([HttpTrigger(AuthorizationLevel.Function, "post", Route = "api/images/" + RouteIds.Image + "/approve")] HttpRequest request, [DurableClient] DurableTaskClient client, FunctionContext context) =>
        invoker.InvokeAsync("ApproveImage", request, client, context);

    [Function("RejectImage")]
    public Task<IActionResult> RejectImage([HttpTrigger(AuthorizationLevel.Function, "post", Route = "api/images/" + RouteIds.Image + "/reject")] HttpRequest request, [DurableClient] DurableTaskClient client, FunctionContext context) =>
        invoker.InvokeAsync("RejectImage", request, client, context);

    [Function("DeleteImage")]
    public Task<IActionResult> DeleteImage([HttpTrigger(AuthorizationLevel.Function, "delete", Route = "api/images/" + RouteIds.Image)] HttpRequest request, [DurableClient] DurableTaskClient client, FunctionContext context) =>
        invoker.InvokeAsync("DeleteImage", request, client, context);

    [Function("GetImage")]
    public Task<IActionResult> GetImage([HttpTrigger(AuthorizationLevel.Function, "get", Route = "api/images/" + RouteIds.Image)] HttpRequest request, [DurableClient] DurableTaskClient client, FunctionContext context) =>
        invoker.InvokeAsync("GetImage", request, client, context);

    [Function("GetImageContent")]
    public Task<IActionResult> GetImageContent([HttpTrigger(AuthorizationLevel.Function, "get", Route = "api/images/" + RouteIds.Image + "/content")] HttpRequest request, [DurableClient] DurableTaskClient client, FunctionContext context) =>
        invoker.InvokeAsync("GetImageContent", request, client, context);

    [Function("GetOperation")]
    public Task<IActionResult> GetOperation([HttpTrigger(AuthorizationLevel.Function, "get", Route = "api/operations/{id}")] HttpRequest request, [DurableClient] DurableTaskClient client, FunctionContext context) =>
        invoker.InvokeAsync("GetOperation", request, client, context);

    // Anonymous: PiAPI holds no function key; the handler checks the webhook secret given with the task.
    [Function("ReceivePiApiWebhook")]
    public Task<IActionResult> ReceivePiApiWebhook([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/webhooks/piapi")] HttpRequest request, [DurableClient] DurableTaskClient client, FunctionContext context) =>
        invoker.InvokeAsync("ReceivePiApiWebhook", request, client, context);

    [Function("GetHealth")]
    public Task<IActionResult> GetHealth([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/health")] HttpRequest request, [DurableClient] DurableTaskClient client, FunctionContext context) =>
        invoker.InvokeAsync("GetHealth", request, client, context);

    [Function("GetStats")]
    public Task<IActionResult> GetStats([HttpTrigger(AuthorizationLevel.Function, "get", Route = "api/stats")] HttpRequest request, [DurableClient] DurableTaskClient client, FunctionContext context) =>
        invoker.InvokeAsync("GetStats", request, client, context);

    [Function("ListConfigurations")]
    public Task<IActionResult> ListConfigurations([HttpTrigger(AuthorizationLevel.Function, "get", Route = "api/configurations")] HttpRequest request, [DurableClient] DurableTaskClient client, FunctionContext context) =>
        invoker.InvokeAsync("ListConfigurations", request, client, context);

    [Function("CreateConfiguration")]
    public Task<IActionResult> CreateConfiguration([HttpTrigger(AuthorizationLevel.Function, "post", Route = "api/configurations")] HttpRequest request, [DurableClient] DurableTaskClient client, FunctionContext context) =>
        invoker.InvokeAsync("CreateConfiguration", request, client, context);

    [Function("GetConfiguration")]
    public Task<IActionResult> GetConfiguration([HttpTrigger(AuthorizationLevel.Function, "get", Route = "api/configurations/{id}")] HttpRequest request, [DurableClient] DurableTaskClient client, FunctionContext context) =>
        invoker.InvokeAsync("GetConfiguration", request, client, context);

    [Function("UpdateConfiguration")]
    public Task<IActionResult> UpdateConfiguration([HttpTrigger(AuthorizationLevel.Function, "put", Route = "api/configurations/{id}")] HttpRequest request, [DurableClient] DurableTaskClient client, FunctionContext context) =>
        invoker.InvokeAsync("UpdateConfiguration", request, client, context);

    [Function("DeleteConfiguration")]
    public Task<IActionResult> DeleteConfiguration([HttpTrigger(AuthorizationLevel.Function, "delete", Route = "api/configurations/{id}")] HttpRequest request, [DurableClient] DurableTaskClient client, FunctionContext context) =>
        invoker.InvokeAsync("DeleteConfiguration", request, client, context);

    [Function("RenameJob")]
    public Task<IActionResult> RenameJob([HttpTrigger(AuthorizationLevel.Function, "patch", Route = "api/jobs/" + RouteIds.Job)] HttpRequest request, [DurableClient] DurableTaskClient client, FunctionContext context) =>
        invoker.InvokeAsync("RenameJob", request, client, context);

    [Function("RerunJobs")]
    public Task<IActionResult> RerunJobs([HttpTrigger(AuthorizationLevel.Function, "post", Route = "api/jobs/rerun")] HttpRequest request, [DurableClient] DurableTaskClient client, FunctionContext context) =>
        invoker.InvokeAsync("RerunJobs", request, client, context);

    [Function("RerunJob")]
    public Task<IActionResult> RerunJob([HttpTrigger(AuthorizationLevel.Function, "post", Route = "api/jobs/" + RouteIds.Job + "/rerun")] HttpRequest request, [DurableClient] DurableTaskClient client, FunctionContext context) =>
        invoker.InvokeAsync("RerunJob", request, client, context);

    [Function("CancelJob")]
    public Task<IActionResult> CancelJob([HttpTrigger(AuthorizationLevel.Function, "post", Route = "api/jobs/" + RouteIds.Job + "/cancel")] HttpRequest request, [DurableClient] DurableTaskClient client, FunctionContext context) =>
        invoker.InvokeAsync("CancelJob", request, client, context);

    [Function("DeleteJobs")]
    public Task<IActionResult> DeleteJobs([HttpTrigger(AuthorizationLevel.Function, "post", Route = "api/jobs/delete")] HttpRequest request, [DurableClient] DurableTaskClient client, FunctionContext context) =>
        invoker.InvokeAsync("DeleteJobs", request, client, context);

    [Function("DeleteJob")]
    public Task<IActionResult> DeleteJob([HttpTrigger(AuthorizationLevel.Function, "delete", Route = "api/jobs/" + RouteIds.Job)] HttpRequest request, [DurableClient] DurableTaskClient client, FunctionContext context) =>
        invoker.InvokeAsync("DeleteJob", request, client, context);

    [Function("RetryImages")]
    public Task<IActionResult> RetryImages([HttpTrigger(AuthorizationLevel.Function, "post", Route = "api/images/retry")] HttpRequest request, [DurableClient] DurableTaskClient client, FunctionContext context) =>
        invoker.InvokeAsync("RetryImages", request, client, context);

    [Function("ListSchedules")]
    public Task<IActionResult> ListSchedules([HttpTrigger(AuthorizationLevel.Function, "get", Route = "api/schedules")] HttpRequest request, [DurableClient] DurableTaskClient client, FunctionContext context) =>
        invoker.InvokeAsync("ListSchedules", request, client, context);

    [Function("CreateSchedule")]
    public Task<IActionResult> CreateSchedule([HttpTrigger(AuthorizationLevel.Function, "post", Route = "api/schedules")] HttpRequest request, [DurableClient] DurableTaskClient client, FunctionContext context) =>
        invoker.InvokeAsync("CreateSchedule", request, client, context);

    [Function("GetSchedule")]
    public Task<IActionResult> GetSchedule([HttpTrigger(AuthorizationLevel.Function, "get", Route = "api/schedules/{id}")] HttpRequest request, [DurableClient] DurableTaskClient client, FunctionContext context) =>
        invoker.InvokeAsync("GetSchedule", request, client, context);

    [Function("DeleteSchedule")]
    public Task<IActionResult> DeleteSchedule([HttpTrigger(AuthorizationLevel.Function, "delete", Route = "api/schedules/{id}")] HttpRequest request, [DurableClient] DurableTaskClient client, FunctionContext context) =>
        invoker.InvokeAsync("DeleteSchedule", request, client, context);

    [Function("StartJob")]
    public Task<IActionResult> StartJob([HttpTrigger(AuthorizationLevel.Function, "post", Route = "api/jobs")] HttpRequest request, [DurableClient] DurableTaskClient client, FunctionContext context) =>
        invoker.InvokeAsync("StartJob", request, client, context);

    [Function("ListJobs")]
    public Task<IActionResult> ListJobs([HttpTrigger(AuthorizationLevel.Function, "get", Route = "api/jobs")] HttpRequest request, [DurableClient] DurableTaskClient client, FunctionContext context) =>
        invoker.InvokeAsync("ListJobs", request, client, context);

    [Function("GetJob")]
    public Task<IActionResult> GetJob([HttpTrigger(AuthorizationLevel.Function, "get", Route = "api/jobs/" + RouteIds.Job)] HttpRequest request, [DurableClient] DurableTaskClient client, FunctionContext context) =>
        invoker.InvokeAsync("GetJob", request, client, context);

    [Function("ListJobImages")]
    public Task<IActionResult> ListJobImages([HttpTrigger(AuthorizationLevel.Function, "get", Route = "api/jobs/" + RouteIds.Job + "/images")] HttpRequest request, [DurableClient] DurableTaskClient client, FunctionContext context) =>
        invoker.InvokeAsync("ListJobImages", request, client, context);

    [Function("GetJobLogs")]
    public Task<IActionResult> GetJobLogs([HttpTrigger(AuthorizationLevel.Function, "get", Route = "api/jobs/" + RouteIds.Job + "/logs")] HttpRequest request, [DurableClient] DurableTaskClient client, FunctionContext context) =>
        invoker.InvokeAsync("GetJobLogs", request, client, context);

    [Function("EstimateJob")]
    public Task<IActionResult> EstimateJob([HttpTrigger(AuthorizationLevel.Function, "post", Route = "api/jobs/estimate")] HttpRequest request, [DurableClient] DurableTaskClient client, FunctionContext context) =>
        invoker.InvokeAsync("EstimateJob", request, client, context);

    [Function("ExportJob")]
    public Task<IActionResult> ExportJob([HttpTrigger(AuthorizationLevel.Function, "get", Route = "api/jobs/" + RouteIds.Job + "/export.xlsx")] HttpRequest request, [DurableClient] DurableTaskClient client, FunctionContext context) =>
        invoker.InvokeAsync("ExportJob", request, client, context);

    [Function("ExportJobs")]
    public Task<IActionResult> ExportJobs([HttpTrigger(AuthorizationLevel.Function, "post", Route = "api/jobs/export")] HttpRequest request, [DurableClient] DurableTaskClient client, FunctionContext context) =>
        invoker.InvokeAsync("ExportJobs", request, client, context);

    [Function("ExportGallery")]
    public Task<IActionResult> ExportGallery([HttpTrigger(AuthorizationLevel.Function, "get", Route = "api/images/export.zip")] HttpRequest request, [DurableClient] DurableTaskClient client, FunctionContext context) =>
        invoker.InvokeAsync("ExportGallery", request, client, context);

    [Function("ExportStockCsv")]
    public Task<IActionResult> ExportStockCsv([HttpTrigger(AuthorizationLevel.Function, "get", Route = "api/images/export.csv")] HttpRequest request, [DurableClient] DurableTaskClient client, FunctionContext context) =>
        invoker.InvokeAsync("ExportStockCsv", request, client, context);

    [Function("ListProviders")]
    public Task<IActionResult> ListProviders([HttpTrigger(AuthorizationLevel.Function, "get", Route = "api/providers")] HttpRequest request, [DurableClient] DurableTaskClient client, FunctionContext context) =>
        invoker.InvokeAsync("ListProviders", request, client, context);

    /// <summary>The OpenAPI document the Server serves at the same path: the same generator over the same route table.</summary>
    [Function(ApiDocument.FunctionName)]
    public async Task<IActionResult> GetOpenApiDocument([HttpTrigger(AuthorizationLevel.Function, "get", Route = ApiDocument.Route)] HttpRequest request) =>
        new ContentResult { Content = await openApi.GetJsonAsync(), ContentType = "application/json; charset=utf-8", StatusCode = StatusCodes.Status200OK };

    /// <summary>The web dashboard at <c>/</c>: its static files, served anonymously (the API calls it makes need a key).</summary>
    [Function("Dashboard")]
    public async Task<IActionResult> Dashboard([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Api.Dashboard.FunctionRoute)] HttpRequest request, string? path)
    {
        await Api.Dashboard.Serve(path).ExecuteAsync(request.HttpContext);
        return new EmptyResult();
    }
}
