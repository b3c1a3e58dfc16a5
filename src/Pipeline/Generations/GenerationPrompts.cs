using GenImageFactory.Domain.Jobs;
using GenImageFactory.Pipeline.Models;
using GenImageFactory.Pipeline.Ports;

namespace GenImageFactory.Pipeline.Generations;

/// <summary>
/// Writes the prompt of one generation: the keyword row filled into the job's template, rewritten by the
/// prompt model when that is on. When the model fails after its retries, the filled template is the prompt.
/// </summary>
public sealed class GenerationPrompts(GenerationPlans plans, IPromptWriter writer)
{
    public async Task<PreparedPrompt> WriteAsync(string jobId, int generationIndex)
    {
        var (plan, configuration) = await plans.GetAsync(jobId, CancellationToken.None);
        var spec = plan.For(generationIndex);
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
