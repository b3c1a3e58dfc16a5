using GenImageFactory.Domain.Configuration;
using GenImageFactory.Pipeline.Ports;

namespace GenImageFactory.Pipeline.Jobs;

/// <summary>What a configuration will cost in provider tasks, images and model calls, before it runs.</summary>
/// <param name="ProviderTasks">One per generation; resubmissions of failed tasks can add up to <c>MaxProviderTasks</c>.</param>
/// <param name="ModelCalls">Prompt writing, quality checks and metadata, when every image passes (retries not counted).</param>
/// <param name="EstimatedCost">Provider tasks times the cost per task (USD); null when the price is unknown.</param>
public sealed record JobEstimate(
    string Provider,
    string Model,
    int Generations,
    int ProviderTasks,
    int MaxProviderTasks,
    int ImagesPerTask,
    int ExpectedImages,
    int PromptCalls,
    int QualityCheckCalls,
    int MetadataCalls,
    int ModelCalls,
    decimal? CostPerTask,
    decimal? EstimatedCost,
    decimal? MaxEstimatedCost,
    decimal? MaxSpend)
{
    public static JobEstimate For(JobConfiguration configuration, IProviderCatalog providers)
    {
        var parameters = configuration.Parameters;
        var pricing = providers.PricingOf(parameters.Provider, parameters.Model);
        var generations = parameters.Count;
        var maxTasks = generations * (1 + parameters.GenerationRetryAttempts);
        var images = generations * pricing.ImagesPerTask;
        var ai = configuration.Ai;
        var prompts = ai.RunPromptWriter ? generations : 0;
        var checks = ai.RunQualityCheck ? images : 0;
        var metadata = ai.RunMetadataGen ? images : 0;
        return new JobEstimate(
            parameters.Provider, parameters.Model, generations, generations, maxTasks, pricing.ImagesPerTask, images,
            prompts, checks, metadata, prompts + checks + metadata,
            pricing.CostPerTask, pricing.CostPerTask * generations, pricing.CostPerTask * maxTasks, parameters.MaxSpend);
    }
}
