using GenImageFactory.Pipeline.Models;
using Microsoft.DurableTask;

namespace GenImageFactory.Pipeline.Orchestrations;

/// <summary>
/// How a batch runs one generation. It takes the generation's first step (prompt, submit, then polling the task or
/// storing a synchronous provider's images) itself, and when that step ended the generation (most do: a task ends
/// within the step's minute of polling) the outcome comes from its answer, sparing the generation's own orchestration:
/// its start, two episodes and its completion message, each a round trip through the task hub. A generation with more
/// to do (a task still pending, a failure to resubmit, a prompt that stopped the job) goes on as its own
/// <see cref="RunGenerationOrchestrator"/> from that answer. A provider that calls back starts as one, so the
/// orchestration its call wakes is there from the submission on. A first step that runs again finds its task in the
/// submitted-task ledger, as the generation's own would.
/// </summary>
internal static class GenerationStart
{
    public static async Task<GenerationOutcome> RunAsync(TaskOrchestrationContext context, GenerationInput input)
    {
        if (!input.Settings.ProviderCallsBack)
        {
            var at = context.CurrentUtcDateTime;
            var submitted = await RunGenerationOrchestrator.SubmitAsync(context, input, prompt: null, attempt: 0, log: []);
            if (RunGenerationOrchestrator.EndedBy(input, submitted) is { } outcome)
            {
                return outcome;
            }
            input = input with { First = new FirstSubmission(submitted, at) };
        }
        var options = new SubOrchestrationOptions { InstanceId = GenerationInput.InstanceIdFor(input.JobId, input.GenerationIndex) };
        return await context.CallSubOrchestratorAsync<GenerationOutcome>(nameof(RunGenerationOrchestrator), input, options);
    }
}
