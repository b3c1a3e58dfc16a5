using GenImageFactory.Pipeline.Activities;
using GenImageFactory.Pipeline.Activities.Retry;
using GenImageFactory.Pipeline.Orchestrations;

namespace GenImageFactory.Pipeline;

/// <summary>
/// The single list of the pipeline's orchestrators and activities. Each host registers exactly these,
/// under their class names, so the Server and the Functions app can never disagree.
/// </summary>
public static class PipelineTasks
{
    public static readonly IReadOnlyList<Type> Orchestrators =
    [
        typeof(RunJobOrchestrator),
        typeof(RunGenerationBatchOrchestrator),
        typeof(RunGenerationOrchestrator),
        typeof(RerunJobsOrchestrator),
        typeof(RetryImagesOrchestrator),
    ];

    public static readonly IReadOnlyList<Type> Activities =
    [
        typeof(MarkJobRunningActivity),
        typeof(ExchangeProviderSlotsActivity),
        typeof(SubmitGenerationActivity),
        typeof(PollGenerationActivity),
        typeof(StoreGenerationImagesActivity),
        typeof(RecordJobProgressActivity),
        typeof(CompleteJobActivity),
        typeof(RerunJobActivity),
        typeof(MarkImagesForRetryActivity),
        typeof(RetryImageActivity),
        typeof(RecountJobsActivity),
    ];
}
