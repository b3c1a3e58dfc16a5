using GenImageFactory.Pipeline.Jobs;
using GenImageFactory.Pipeline.Models;
using GenImageFactory.Pipeline.Ports;
using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;

namespace GenImageFactory.Pipeline.Activities;

/// <param name="Attempt">0 for the first submission of the generation, then one more per resubmission.</param>
/// <param name="Log">Lines the generation produced since its last step (a note on the prompt, a resubmission): written with this step's.</param>
/// <param name="TotalGenerations">The job's generations, for its progress.</param>
public sealed record SubmitGenerationRequest(string Provider, ProviderTaskRequest Task, string JobId = "", int GenerationIndex = 0, int Attempt = 0)
{
    public IReadOnlyList<JobLogEntry> Log { get; init; } = [];
    public int TotalGenerations { get; init; }
}

/// <summary>The provider's answer, and the log lines that could not be written yet (the generation keeps them).</summary>
public sealed record SubmittedGeneration(ProviderTaskStatus Status, IReadOnlyList<JobLogEntry> Unwritten)
{
    /// <summary>The provider will call back when the task ends (a webhook): the generation waits for that, polling less.</summary>
    public bool Woken { get; init; }
}

/// <summary>
/// Submits one provider task; a failure comes back as a value. The task id is recorded before the step ends, and a
/// step that runs again for the same attempt gets that task back to poll, instead of submitting (and paying) twice.
/// The submission reaches the job's log at once.
/// </summary>
public sealed class SubmitGenerationActivity(IImageProviders providers, IProviderWebhooks webhooks, ISubmittedTaskStore submitted, JobLogWriter log, ILogger<SubmitGenerationActivity> logger)
    : TaskActivity<SubmitGenerationRequest, SubmittedGeneration>
{
    public override async Task<SubmittedGeneration> RunAsync(TaskActivityContext context, SubmitGenerationRequest input)
    {
        if (await submitted.FindAsync(input.JobId, input.GenerationIndex, input.Attempt, CancellationToken.None) is { } earlier)
        {
            logger.LogInformation("Generation {Index} of job {JobId} was submitted before as task {TaskId}; polling that one", input.GenerationIndex, input.JobId, earlier);
            return await LoggedAsync(input, ProviderTaskStatus.Pending(earlier));
        }
        var task = webhooks.IsEnabled(input.Provider)
            ? input.Task with { WakeInstance = Orchestrations.GenerationInput.InstanceIdFor(input.JobId, input.GenerationIndex) }
            : input.Task;
        var status = await ProviderCalls.ReportingFailuresAsync(providers, input.Provider, null, logger,
            provider => provider.SubmitAsync(task, CancellationToken.None));
        if (status is { State: ProviderTaskState.Pending, TaskId: { } taskId })
        {
            // Only a polled task can be taken up again; a synchronous provider's answer is final.
            await submitted.RecordAsync(input.JobId, input.GenerationIndex, input.Attempt, input.Provider, taskId, CancellationToken.None);
        }
        return await LoggedAsync(input, status);
    }

    private async Task<SubmittedGeneration> LoggedAsync(SubmitGenerationRequest input, ProviderTaskStatus status)
    {
        var lines = status.TaskId is { } taskId
            ? [.. input.Log, GenerationLines.Submitted(input.GenerationIndex, input.Attempt, input.Provider, taskId)]
            : input.Log;
        var step = status.TaskId is null ? null : new GenerationStep(input.GenerationIndex, GenerationStep.Submitted);
        return new SubmittedGeneration(status, await log.TryWriteAsync(input.JobId, lines, step, input.TotalGenerations))
        {
            Woken = webhooks.IsEnabled(input.Provider),
        };
    }
}
