using GenImageFactory.Pipeline.Activities;
using GenImageFactory.Pipeline.Activities.Retry;
using GenImageFactory.Pipeline.Generations;
using GenImageFactory.Pipeline.Models;
using GenImageFactory.Pipeline.Orchestrations;
using GenImageFactory.Pipeline.Ports;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace GenImageFactory.Functions.Durable;

/// <summary>
/// The Pipeline's orchestrators and activities as Durable Functions: one-line wrappers named after the
/// classes, exactly the list of <see cref="Pipeline.PipelineTasks"/> (a test compares them).
/// </summary>
public static class PipelineFunctions
{
    [Function(nameof(RunJobOrchestrator))]
    public static Task<JobSummary> RunJob([OrchestrationTrigger] TaskOrchestrationContext context) =>
        new RunJobOrchestrator().RunAsync(context, context.GetInput<RunJobInput>()!);

    [Function(nameof(RunGenerationBatchOrchestrator))]
    public static Task<GenerationBatchResult> RunGenerationBatch([OrchestrationTrigger] TaskOrchestrationContext context) =>
        new RunGenerationBatchOrchestrator().RunAsync(context, context.GetInput<GenerationBatchInput>()!);

    [Function(nameof(RunGenerationOrchestrator))]
    public static Task<GenerationOutcome> RunGeneration([OrchestrationTrigger] TaskOrchestrationContext context) =>
        new RunGenerationOrchestrator().RunAsync(context, context.GetInput<GenerationInput>()!);

    [Function(nameof(RerunJobsOrchestrator))]
    public static Task<RerunJobsResult> RerunJobs([OrchestrationTrigger] TaskOrchestrationContext context) =>
        new RerunJobsOrchestrator().RunAsync(context, context.GetInput<RerunJobsInput>()!);

    [Function(nameof(RetryImagesOrchestrator))]
    public static Task<RetryImagesResult> RetryImages([OrchestrationTrigger] TaskOrchestrationContext context) =>
        new RetryImagesOrchestrator().RunAsync(context, context.GetInput<RetryImagesInput>()!);

    [Function(nameof(MarkJobRunningActivity))]
    public static Task<JobPlan> MarkJobRunning([ActivityTrigger] MarkJobRunningRequest input, FunctionContext context) =>
        PipelineActivity.RunAsync<MarkJobRunningActivity, MarkJobRunningRequest, JobPlan>(input, context);

    [Function(nameof(ExchangeProviderSlotsActivity))]
    public static Task<SlotGrant> ExchangeProviderSlots([ActivityTrigger] ExchangeSlotsRequest input, FunctionContext context) =>
        PipelineActivity.RunAsync<ExchangeProviderSlotsActivity, ExchangeSlotsRequest, SlotGrant>(input, context);

    [Function(nameof(SubmitGenerationActivity))]
    public static Task<SubmittedGeneration> SubmitGeneration([ActivityTrigger] SubmitGenerationRequest input, [DurableClient] DurableTaskClient client, FunctionContext context) =>
        PipelineActivity.RunAsync<SubmitGenerationActivity, SubmitGenerationRequest, SubmittedGeneration>(input, context, client);

    [Function(nameof(PollGenerationActivity))]
    public static Task<PolledGeneration> PollGeneration([ActivityTrigger] PollGenerationRequest input, [DurableClient] DurableTaskClient client, FunctionContext context) =>
        PipelineActivity.RunAsync<PollGenerationActivity, PollGenerationRequest, PolledGeneration>(input, context, client);

    [Function(nameof(RecordJobProgressActivity))]
    public static Task<string> RecordJobProgress([ActivityTrigger] RecordJobProgressRequest input, FunctionContext context) =>
        PipelineActivity.RunAsync<RecordJobProgressActivity, RecordJobProgressRequest, string>(input, context);

    [Function(nameof(FileBatchImagesActivity))]
    public static Task<FileBatchImagesRequest> FileBatchImages([ActivityTrigger] FileBatchImagesRequest input, FunctionContext context) =>
        PipelineActivity.RunAsync<FileBatchImagesActivity, FileBatchImagesRequest, FileBatchImagesRequest>(input, context);

    [Function(nameof(CompleteJobActivity))]
    public static Task<bool> CompleteJob([ActivityTrigger] JobSummary input, FunctionContext context) =>
        PipelineActivity.RunAsync<CompleteJobActivity, JobSummary, bool>(input, context);

    /// <summary>A rerun starts a new job orchestration, so this activity needs the durable client.</summary>
    [Function(nameof(RerunJobActivity))]
    public static Task<RerunOutcome> RerunJob([ActivityTrigger] RerunJobRequest input, [DurableClient] DurableTaskClient client, FunctionContext context) =>
        PipelineActivity.RunAsync<RerunJobActivity, RerunJobRequest, RerunOutcome>(input, context, client);

    [Function(nameof(MarkImagesForRetryActivity))]
    public static Task<RetryPlan> MarkImagesForRetry([ActivityTrigger] IReadOnlyList<string> input, FunctionContext context) =>
        PipelineActivity.RunAsync<MarkImagesForRetryActivity, IReadOnlyList<string>, RetryPlan>(input, context);

    [Function(nameof(RetryImageActivity))]
    public static Task<RetriedImage> RetryImage([ActivityTrigger] RetryImageRequest input, FunctionContext context) =>
        PipelineActivity.RunAsync<RetryImageActivity, RetryImageRequest, RetriedImage>(input, context);

    [Function(nameof(RecountJobsActivity))]
    public static Task<int> RecountJobs([ActivityTrigger] IReadOnlyList<string> input, FunctionContext context) =>
        PipelineActivity.RunAsync<RecountJobsActivity, IReadOnlyList<string>, int>(input, context);
}
