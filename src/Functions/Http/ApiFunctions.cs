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
    [Function(RouteNames.ListImages)]
    public Task<IActionResult> ListImages([HttpTrigger(AuthorizationLevel.Function, "get", Route = "api/images")] HttpRequest request, [DurableClient] DurableTaskClient client, FunctionContext context) =>
        invoker.InvokeAsync(RouteNames.ListImages, request, client, context);

    [Function(RouteNames.ApproveImage)]
    public Task<IActionResult> ApproveImage([HttpTrigger(AuthorizationLevel.Function, "post", Route = "api/images/" + RouteIds.Image + "/approve")] HttpRequest request, [DurableClient] DurableTaskClient client, FunctionContext context) =>
        invoker.InvokeAsync(RouteNames.ApproveImage, request, client, context);

    [Function(RouteNames.RejectImage)]
    public Task<IActionResult> RejectImage([HttpTrigger(AuthorizationLevel.Function, "post", Route = "api/images/" + RouteIds.Image + "/reject")] HttpRequest request, [DurableClient] DurableTaskClient client, FunctionContext context) =>
        invoker.InvokeAsync(RouteNames.RejectImage, request, client, context);

    [Function(RouteNames.DeleteImage)]
    public Task<IActionResult> DeleteImage([HttpTrigger(AuthorizationLevel.Function, "delete", Route = "api/images/" + RouteIds.Image)] HttpRequest request, [DurableClient] DurableTaskClient client, FunctionContext context) =>
        invoker.InvokeAsync(RouteNames.DeleteImage, request, client, context);

    [Function(RouteNames.GetImage)]
    public Task<IActionResult> GetImage([HttpTrigger(AuthorizationLevel.Function, "get", Route = "api/images/" + RouteIds.Image)] HttpRequest request, [DurableClient] DurableTaskClient client, FunctionContext context) =>
        invoker.InvokeAsync(RouteNames.GetImage, request, client, context);

    [Function(RouteNames.GetImageContent)]
    public Task<IActionResult> GetImageContent([HttpTrigger(AuthorizationLevel.Function, "get", Route = "api/images/" + RouteIds.Image + "/content")] HttpRequest request, [DurableClient] DurableTaskClient client, FunctionContext context) =>
        invoker.InvokeAsync(RouteNames.GetImageContent, request, client, context);

    [Function(RouteNames.GetOperation)]
    public Task<IActionResult> GetOperation([HttpTrigger(AuthorizationLevel.Function, "get", Route = "api/operations/{id}")] HttpRequest request, [DurableClient] DurableTaskClient client, FunctionContext context) =>
        invoker.InvokeAsync(RouteNames.GetOperation, request, client, context);

    // Anonymous: providers hold no function key; the handler checks the webhook secret or token given with the task.
    [Function(RouteNames.ReceiveProviderWebhook)]
    public Task<IActionResult> ReceiveProviderWebhook([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/webhooks/{provider}")] HttpRequest request, [DurableClient] DurableTaskClient client, FunctionContext context) =>
        invoker.InvokeAsync(RouteNames.ReceiveProviderWebhook, request, client, context);

    [Function(RouteNames.GetHealth)]
    public Task<IActionResult> GetHealth([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/health")] HttpRequest request, [DurableClient] DurableTaskClient client, FunctionContext context) =>
        invoker.InvokeAsync(RouteNames.GetHealth, request, client, context);

    [Function(RouteNames.GetStats)]
    public Task<IActionResult> GetStats([HttpTrigger(AuthorizationLevel.Function, "get", Route = "api/stats")] HttpRequest request, [DurableClient] DurableTaskClient client, FunctionContext context) =>
        invoker.InvokeAsync(RouteNames.GetStats, request, client, context);

    [Function(RouteNames.ListConfigurations)]
    public Task<IActionResult> ListConfigurations([HttpTrigger(AuthorizationLevel.Function, "get", Route = "api/configurations")] HttpRequest request, [DurableClient] DurableTaskClient client, FunctionContext context) =>
        invoker.InvokeAsync(RouteNames.ListConfigurations, request, client, context);

    [Function(RouteNames.CreateConfiguration)]
    public Task<IActionResult> CreateConfiguration([HttpTrigger(AuthorizationLevel.Function, "post", Route = "api/configurations")] HttpRequest request, [DurableClient] DurableTaskClient client, FunctionContext context) =>
        invoker.InvokeAsync(RouteNames.CreateConfiguration, request, client, context);

    [Function(RouteNames.GetConfiguration)]
    public Task<IActionResult> GetConfiguration([HttpTrigger(AuthorizationLevel.Function, "get", Route = "api/configurations/{id}")] HttpRequest request, [DurableClient] DurableTaskClient client, FunctionContext context) =>
        invoker.InvokeAsync(RouteNames.GetConfiguration, request, client, context);

    [Function(RouteNames.UpdateConfiguration)]
    public Task<IActionResult> UpdateConfiguration([HttpTrigger(AuthorizationLevel.Function, "put", Route = "api/configurations/{id}")] HttpRequest request, [DurableClient] DurableTaskClient client, FunctionContext context) =>
        invoker.InvokeAsync(RouteNames.UpdateConfiguration, request, client, context);

    [Function(RouteNames.DeleteConfiguration)]
    public Task<IActionResult> DeleteConfiguration([HttpTrigger(AuthorizationLevel.Function, "delete", Route = "api/configurations/{id}")] HttpRequest request, [DurableClient] DurableTaskClient client, FunctionContext context) =>
        invoker.InvokeAsync(RouteNames.DeleteConfiguration, request, client, context);

    [Function(RouteNames.RenameJob)]
    public Task<IActionResult> RenameJob([HttpTrigger(AuthorizationLevel.Function, "patch", Route = "api/jobs/" + RouteIds.Job)] HttpRequest request, [DurableClient] DurableTaskClient client, FunctionContext context) =>
        invoker.InvokeAsync(RouteNames.RenameJob, request, client, context);

    [Function(RouteNames.RerunJobs)]
    public Task<IActionResult> RerunJobs([HttpTrigger(AuthorizationLevel.Function, "post", Route = "api/jobs/rerun")] HttpRequest request, [DurableClient] DurableTaskClient client, FunctionContext context) =>
        invoker.InvokeAsync(RouteNames.RerunJobs, request, client, context);

    [Function(RouteNames.RerunJob)]
    public Task<IActionResult> RerunJob([HttpTrigger(AuthorizationLevel.Function, "post", Route = "api/jobs/" + RouteIds.Job + "/rerun")] HttpRequest request, [DurableClient] DurableTaskClient client, FunctionContext context) =>
        invoker.InvokeAsync(RouteNames.RerunJob, request, client, context);

    [Function(RouteNames.CancelJob)]
    public Task<IActionResult> CancelJob([HttpTrigger(AuthorizationLevel.Function, "post", Route = "api/jobs/" + RouteIds.Job + "/cancel")] HttpRequest request, [DurableClient] DurableTaskClient client, FunctionContext context) =>
        invoker.InvokeAsync(RouteNames.CancelJob, request, client, context);

    [Function(RouteNames.DeleteJobs)]
    public Task<IActionResult> DeleteJobs([HttpTrigger(AuthorizationLevel.Function, "post", Route = "api/jobs/delete")] HttpRequest request, [DurableClient] DurableTaskClient client, FunctionContext context) =>
        invoker.InvokeAsync(RouteNames.DeleteJobs, request, client, context);

    [Function(RouteNames.DeleteJob)]
    public Task<IActionResult> DeleteJob([HttpTrigger(AuthorizationLevel.Function, "delete", Route = "api/jobs/" + RouteIds.Job)] HttpRequest request, [DurableClient] DurableTaskClient client, FunctionContext context) =>
        invoker.InvokeAsync(RouteNames.DeleteJob, request, client, context);

    [Function(RouteNames.RetryImages)]
    public Task<IActionResult> RetryImages([HttpTrigger(AuthorizationLevel.Function, "post", Route = "api/images/retry")] HttpRequest request, [DurableClient] DurableTaskClient client, FunctionContext context) =>
        invoker.InvokeAsync(RouteNames.RetryImages, request, client, context);

    [Function(RouteNames.ListSchedules)]
    public Task<IActionResult> ListSchedules([HttpTrigger(AuthorizationLevel.Function, "get", Route = "api/schedules")] HttpRequest request, [DurableClient] DurableTaskClient client, FunctionContext context) =>
        invoker.InvokeAsync(RouteNames.ListSchedules, request, client, context);

    [Function(RouteNames.CreateSchedule)]
    public Task<IActionResult> CreateSchedule([HttpTrigger(AuthorizationLevel.Function, "post", Route = "api/schedules")] HttpRequest request, [DurableClient] DurableTaskClient client, FunctionContext context) =>
        invoker.InvokeAsync(RouteNames.CreateSchedule, request, client, context);

    [Function(RouteNames.GetSchedule)]
    public Task<IActionResult> GetSchedule([HttpTrigger(AuthorizationLevel.Function, "get", Route = "api/schedules/{id}")] HttpRequest request, [DurableClient] DurableTaskClient client, FunctionContext context) =>
        invoker.InvokeAsync(RouteNames.GetSchedule, request, client, context);

    [Function(RouteNames.DeleteSchedule)]
    public Task<IActionResult> DeleteSchedule([HttpTrigger(AuthorizationLevel.Function, "delete", Route = "api/schedules/{id}")] HttpRequest request, [DurableClient] DurableTaskClient client, FunctionContext context) =>
        invoker.InvokeAsync(RouteNames.DeleteSchedule, request, client, context);

    [Function(RouteNames.StartJob)]
    public Task<IActionResult> StartJob([HttpTrigger(AuthorizationLevel.Function, "post", Route = "api/jobs")] HttpRequest request, [DurableClient] DurableTaskClient client, FunctionContext context) =>
        invoker.InvokeAsync(RouteNames.StartJob, request, client, context);

    [Function(RouteNames.ListJobs)]
    public Task<IActionResult> ListJobs([HttpTrigger(AuthorizationLevel.Function, "get", Route = "api/jobs")] HttpRequest request, [DurableClient] DurableTaskClient client, FunctionContext context) =>
        invoker.InvokeAsync(RouteNames.ListJobs, request, client, context);

    [Function(RouteNames.GetJob)]
    public Task<IActionResult> GetJob([HttpTrigger(AuthorizationLevel.Function, "get", Route = "api/jobs/" + RouteIds.Job)] HttpRequest request, [DurableClient] DurableTaskClient client, FunctionContext context) =>
        invoker.InvokeAsync(RouteNames.GetJob, request, client, context);

    [Function(RouteNames.ListJobImages)]
    public Task<IActionResult> ListJobImages([HttpTrigger(AuthorizationLevel.Function, "get", Route = "api/jobs/" + RouteIds.Job + "/images")] HttpRequest request, [DurableClient] DurableTaskClient client, FunctionContext context) =>
        invoker.InvokeAsync(RouteNames.ListJobImages, request, client, context);

    [Function(RouteNames.GetJobLogs)]
    public Task<IActionResult> GetJobLogs([HttpTrigger(AuthorizationLevel.Function, "get", Route = "api/jobs/" + RouteIds.Job + "/logs")] HttpRequest request, [DurableClient] DurableTaskClient client, FunctionContext context) =>
        invoker.InvokeAsync(RouteNames.GetJobLogs, request, client, context);

    [Function(RouteNames.EstimateJob)]
    public Task<IActionResult> EstimateJob([HttpTrigger(AuthorizationLevel.Function, "post", Route = "api/jobs/estimate")] HttpRequest request, [DurableClient] DurableTaskClient client, FunctionContext context) =>
        invoker.InvokeAsync(RouteNames.EstimateJob, request, client, context);

    [Function(RouteNames.ExportJob)]
    public Task<IActionResult> ExportJob([HttpTrigger(AuthorizationLevel.Function, "get", Route = "api/jobs/" + RouteIds.Job + "/export.xlsx")] HttpRequest request, [DurableClient] DurableTaskClient client, FunctionContext context) =>
        invoker.InvokeAsync(RouteNames.ExportJob, request, client, context);

    [Function(RouteNames.ExportJobs)]
    public Task<IActionResult> ExportJobs([HttpTrigger(AuthorizationLevel.Function, "post", Route = "api/jobs/export")] HttpRequest request, [DurableClient] DurableTaskClient client, FunctionContext context) =>
        invoker.InvokeAsync(RouteNames.ExportJobs, request, client, context);

    [Function(RouteNames.ExportGallery)]
    public Task<IActionResult> ExportGallery([HttpTrigger(AuthorizationLevel.Function, "get", Route = "api/images/export.zip")] HttpRequest request, [DurableClient] DurableTaskClient client, FunctionContext context) =>
        invoker.InvokeAsync(RouteNames.ExportGallery, request, client, context);

    [Function(RouteNames.ExportStockCsv)]
    public Task<IActionResult> ExportStockCsv([HttpTrigger(AuthorizationLevel.Function, "get", Route = "api/images/export.csv")] HttpRequest request, [DurableClient] DurableTaskClient client, FunctionContext context) =>
        invoker.InvokeAsync(RouteNames.ExportStockCsv, request, client, context);

    [Function(RouteNames.ListProviders)]
    public Task<IActionResult> ListProviders([HttpTrigger(AuthorizationLevel.Function, "get", Route = "api/providers")] HttpRequest request, [DurableClient] DurableTaskClient client, FunctionContext context) =>
        invoker.InvokeAsync(RouteNames.ListProviders, request, client, context);

    /// <summary>The OpenAPI document the Server serves at the same path: the same generator over the same route table.</summary>
    [Function(ApiDocument.FunctionName)]
    public async Task<IActionResult> GetOpenApiDocument([HttpTrigger(AuthorizationLevel.Function, "get", Route = ApiDocument.Route)] HttpRequest request) =>
        new ContentResult { Content = await openApi.GetJsonAsync(request), ContentType = "application/json; charset=utf-8", StatusCode = StatusCodes.Status200OK };

    /// <summary>The web dashboard at <c>/</c>: its static files, served anonymously (the API calls it makes need a key).</summary>
    [Function(Api.Dashboard.FunctionName)]
    public async Task<IActionResult> Dashboard([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Api.Dashboard.FunctionRoute)] HttpRequest request, string? path)
    {
        await Api.Dashboard.Serve(path).ExecuteAsync(request.HttpContext);
        return new EmptyResult();
    }
}
