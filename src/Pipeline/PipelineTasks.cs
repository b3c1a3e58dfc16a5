using GenImageFactory.Pipeline.Activities;
using GenImageFactory.Pipeline.Activities.Retry;
using GenImageFactory.Pipeline.Orchestrations;

namespace GenImageFactory.Pipeline;

/// <summary>
/// The single list of the pipeline's orchestrators and activities. Each host registers exactly these,
/// under their class names, so the Server and the Functions app can never disagree.
/// </summary>
/// <remarks>docs/architecture.md describes each of them and how the two hosts run them.</remarks>
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
        typeof(RecordJobProgressActivity),
        typeof(FileBatchImagesActivity),
        typeof(CompleteJobActivity),
        typeof(RerunJobActivity),
        typeof(MarkImagesForRetryActivity),
        typeof(RetryImageActivity),
        typeof(RecountJobsActivity),
    ];
}
