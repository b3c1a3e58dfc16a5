using GenImageFactory.Pipeline.Activities;
using GenImageFactory.Pipeline.Generations;
using GenImageFactory.Pipeline.Models;
using Microsoft.DurableTask;

namespace GenImageFactory.Pipeline.Orchestrations;

/// <summary>
/// How a batch runs one generation. It takes the generation's first step (prompt, submit, then polling the task or
/// storing a synchronous provider's images) itself, and when that step ended the generation (most do: a task ends
/// within the step's minute of polling) the outcome comes from its answer, sparing the generation's own orchestration:
/// its start, two episodes and its completion message, each a round trip through the task hub. A task whose provider
/// calls back is not polled in that step: the call comes to the batch (<see cref="ProviderCallWaits"/>), which then
/// polls it once, storing its images. A generation with more to do (a task still pending, a failure to resubmit, a
/// prompt that stopped the job) goes on as its own <see cref="RunGenerationOrchestrator"/> from that answer. A first
/// step that runs again finds its task in the submitted-task ledger, as the generation's own would.
/// </summary>
internal static class GenerationStart
{
    public static async Task<GenerationOutcome> RunAsync(TaskOrchestrationContext context, GenerationInput input, ProviderCallWaits calls)
    {
        var at = context.CurrentUtcDateTime;
        var submitted = await RunGenerationOrchestrator.SubmitAsync(context, input, prompt: null, attempt: 0, log: []);
        if (submitted is { Woken: true, Status: { State: ProviderTaskState.Pending, TaskId: { } taskId }, Prompt: { Fatal: null } prompt })
        {
            // The provider calls the batch, not the generation's orchestration: one that goes on from here polls.
            submitted = submitted with { Woken = false, Polled = await PollWhenCalledAsync(context, input, calls, taskId, prompt, at) };
        }
        if (RunGenerationOrchestrator.EndedBy(input, submitted) is { } outcome)
        {
            return outcome;
        }
        input = input with { First = new FirstSubmission(submitted, at) };
        var options = new SubOrchestrationOptions { InstanceId = GenerationInput.InstanceIdFor(input.JobId, input.GenerationIndex) };
        return await context.CallSubOrchestratorAsync<GenerationOutcome>(nameof(RunGenerationOrchestrator), input, options);
    }

    /// <summary>Polls the task once, when its provider calls or at the safety net's time (within the task's timeout).</summary>
    private static async Task<PolledGeneration> PollWhenCalledAsync(
        TaskOrchestrationContext context, GenerationInput input, ProviderCallWaits calls, string taskId, PreparedPrompt prompt, DateTime submittedAt)
    {
        var settings = input.Settings;
        var safetyNet = submittedAt + RunGenerationOrchestrator.PollInterval(settings.PollingIntervalSeconds, woken: true);
        var timeout = submittedAt + TimeSpan.FromMinutes(settings.PollingTimeoutMinutes);
        await calls.UntilCalledAsync(taskId, safetyNet < timeout ? safetyNet : timeout);
        return await RunGenerationOrchestrator.PollTaskAsync(context,
            new PollGenerationRequest(taskId, input.TargetOf(prompt)) { Interval = TimeSpan.Zero, PollFor = TimeSpan.Zero, Batch = input.Batch });
    }
}
