using GenImageFactory.Domain.Jobs;
using GenImageFactory.Pipeline.Ports;
using Microsoft.DurableTask;

namespace GenImageFactory.Pipeline.Activities;

public sealed record PreparePromptRequest(string JobId, int GenerationIndex);

/// <param name="Prompt">The prompt as recorded on images.</param>
/// <param name="ProviderPrompt">The prompt as sent to the provider (with provider-specific suffixes).</param>
/// <param name="Note">Why the filled template was used instead of a written prompt, if it was.</param>
/// <param name="Fatal">A problem that should stop the whole job (an exhausted model quota).</param>
public sealed record PreparedPrompt(string Prompt, string ProviderPrompt, string AspectRatio, string? Note = null, string? Fatal = null);

/// <summary>
/// Writes the prompt of one generation: the keyword row filled into the job's template, rewritten by the
/// prompt model when that is on. When the model fails after its retries, the filled template is the prompt.
/// </summary>
public sealed class PreparePromptActivity(GenerationPlans plans, IPromptWriter writer) : TaskActivity<PreparePromptRequest, PreparedPrompt>
{
    public override async Task<PreparedPrompt> RunAsync(TaskActivityContext context, PreparePromptRequest input)
    {
        var (plan, configuration) = await plans.GetAsync(input.JobId, CancellationToken.None);
        var spec = plan.For(input.GenerationIndex);
        var parameters = configuration.Parameters;
        if (!configuration.Ai.RunPromptWriter)
        {
            return new PreparedPrompt(spec.Prompt, GenerationPlan.WithProviderSuffix(spec.Prompt, parameters), spec.AspectRatio);
        }

        try
        {
            var written = await writer.WriteAsync(spec.Prompt, parameters.OpenaiModel, CancellationToken.None);
            return new PreparedPrompt(written, GenerationPlan.WithProviderSuffix(written, parameters), spec.AspectRatio);
        }
        catch (AiUnavailableException ex)
        {
            return new PreparedPrompt(spec.Prompt, GenerationPlan.WithProviderSuffix(spec.Prompt, parameters), spec.AspectRatio,
                Note: $"prompt writing failed ({ex.Message}); using the filled template.");
        }
        catch (AiQuotaExhaustedException ex)
        {
            return new PreparedPrompt(spec.Prompt, GenerationPlan.WithProviderSuffix(spec.Prompt, parameters), spec.AspectRatio, Fatal: ex.Message);
        }
    }
}
