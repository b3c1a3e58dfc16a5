using GenImageFactory.Domain.Jobs;
using Microsoft.DurableTask;

namespace GenImageFactory.Pipeline.Activities;

public sealed record PreparePromptRequest(string JobId, int GenerationIndex);

/// <param name="Prompt">The prompt as recorded on images.</param>
/// <param name="ProviderPrompt">The prompt as sent to the provider (with provider-specific suffixes).</param>
public sealed record PreparedPrompt(string Prompt, string ProviderPrompt, string AspectRatio);

/// <summary>Writes the prompt of one generation: the keyword row filled into the job's template.</summary>
public sealed class PreparePromptActivity(GenerationPlans plans) : TaskActivity<PreparePromptRequest, PreparedPrompt>
{
    public override async Task<PreparedPrompt> RunAsync(TaskActivityContext context, PreparePromptRequest input)
    {
        var (plan, configuration) = await plans.GetAsync(input.JobId, CancellationToken.None);
        var spec = plan.For(input.GenerationIndex);
        var providerPrompt = GenerationPlan.WithProviderSuffix(spec.Prompt, configuration.Parameters);
        return new PreparedPrompt(spec.Prompt, providerPrompt, spec.AspectRatio);
    }
}
