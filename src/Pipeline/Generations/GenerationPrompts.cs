using GenImageFactory.Domain.Configuration;
using GenImageFactory.Domain.Jobs;
using GenImageFactory.Pipeline.Models;
using GenImageFactory.Pipeline.Ports;

namespace GenImageFactory.Pipeline.Generations;

/// <summary>
/// Writes the prompt of one generation: the keyword row filled into the job's template, rewritten by the
/// prompt model when that is on. When the model fails after its retries, or answers with more than a prompt may
/// hold, the filled template is the prompt.
/// </summary>
public sealed class GenerationPrompts(GenerationPlans plans, IPromptWriter writer)
{
    public async Task<PreparedPrompt> WriteAsync(string jobId, int generationIndex)
    {
        var (plan, configuration) = await plans.GetAsync(jobId, CancellationToken.None);
        var spec = plan.For(generationIndex);
        var parameters = configuration.Parameters;
        PreparedPrompt Prepared(string prompt, string? note = null, string? fatal = null)
        {
            // A prompt goes with its task, its images and the job's log into storage, and to providers whose own limits are
            // far lower: a template filled with a very long keyword row is cut to the length a template may have.
            if (prompt.Length > ConfigurationReader.MaxPromptLength)
            {
                note = (note is null ? "" : note + " ") + $"the prompt had {prompt.Length:N0} characters; it was cut to {ConfigurationReader.MaxPromptLength:N0}.";
                prompt = prompt[..ConfigurationReader.MaxPromptLength];
            }
            return new PreparedPrompt(prompt, GenerationPlan.WithProviderSuffix(prompt, parameters), spec.AspectRatio, note, fatal);
        }

        if (!configuration.Ai.RunPromptWriter)
        {
            return Prepared(spec.Prompt);
        }

        try
        {
            var written = await writer.WriteAsync(spec.Prompt, parameters.OpenaiModel, CancellationToken.None);
            return written.Length <= ConfigurationReader.MaxPromptLength
                ? Prepared(written)
                : Prepared(spec.Prompt, $"the prompt model answered with {written.Length:N0} characters, more than a prompt may have; using the filled template.");
        }
        catch (AiUnavailableException ex)
        {
            return Prepared(spec.Prompt, $"prompt writing failed ({ex.Message}); using the filled template.");
        }
        catch (AiAccountRefusedException ex)
        {
            return Prepared(spec.Prompt, fatal: ex.Message);
        }
    }
}
