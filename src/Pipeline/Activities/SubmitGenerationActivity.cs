using GenImageFactory.Pipeline.Models;
using GenImageFactory.Pipeline.Ports;
using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;

namespace GenImageFactory.Pipeline.Activities;

/// <param name="Attempt">0 for the first submission of the generation, then one more per resubmission.</param>
public sealed record SubmitGenerationRequest(string Provider, ProviderTaskRequest Task, string JobId = "", int GenerationIndex = 0, int Attempt = 0);

/// <summary>
/// Submits one provider task; a failure comes back as a value. The task id is recorded before the step ends, and a
/// step that runs again for the same attempt gets that task back to poll, instead of submitting (and paying) twice.
/// </summary>
public sealed class SubmitGenerationActivity(IImageProviders providers, ISubmittedTaskStore submitted, ILogger<SubmitGenerationActivity> logger)
    : TaskActivity<SubmitGenerationRequest, ProviderTaskStatus>
{
    public override async Task<ProviderTaskStatus> RunAsync(TaskActivityContext context, SubmitGenerationRequest input)
    {
        if (await submitted.FindAsync(input.JobId, input.GenerationIndex, input.Attempt, CancellationToken.None) is { } earlier)
        {
            logger.LogInformation("Generation {Index} of job {JobId} was submitted before as task {TaskId}; polling that one", input.GenerationIndex, input.JobId, earlier);
            return ProviderTaskStatus.Pending(earlier);
        }
        var status = await ProviderCalls.ReportingFailuresAsync(providers, input.Provider, null, logger,
            provider => provider.SubmitAsync(input.Task, CancellationToken.None));
        if (status is { State: ProviderTaskState.Pending, TaskId: { } taskId })
        {
            // Only a polled task can be taken up again; a synchronous provider's answer is final.
            await submitted.RecordAsync(input.JobId, input.GenerationIndex, input.Attempt, input.Provider, taskId, CancellationToken.None);
        }
        return status;
    }
}
