namespace GenImageFactory.Pipeline.Ports;

/// <summary>The narrow door from the API to the durable engine, implemented by each host over its own client.</summary>
public interface IWorkflowClient
{
    /// <summary>Starts the job orchestration whose instance id is the job id. Starting it twice starts it once.</summary>
    Task StartJobAsync(string jobId, CancellationToken cancellationToken);

    /// <summary>Starts a bulk rerun whose instance id is <paramref name="operationId"/>.</summary>
    Task StartRerunsAsync(string operationId, IReadOnlyList<string> jobIds, CancellationToken cancellationToken);

    /// <summary>Starts a retry of failed images whose instance id is <paramref name="operationId"/>.</summary>
    Task StartImageRetryAsync(string operationId, Orchestrations.RetryImagesInput input, CancellationToken cancellationToken);

    /// <summary>Where a job's orchestration stands: null when it never started or its history is gone.</summary>
    Task<WorkflowStatus?> GetJobStatusAsync(string jobId, CancellationToken cancellationToken);

    /// <summary>Where a bulk operation stands: null when unknown.</summary>
    Task<OperationState?> GetOperationAsync(string operationId, CancellationToken cancellationToken);

    /// <summary>Terminates whatever still runs of a job's orchestrations: no more submissions or polls.</summary>
    Task CancelJobAsync(string jobId, int totalGenerations, string reason, CancellationToken cancellationToken);

    /// <summary>Removes the durable history of a job's orchestrations (job, batches, generations).</summary>
    Task PurgeJobAsync(string jobId, int totalGenerations, CancellationToken cancellationToken);

    /// <summary>
    /// Tells the orchestration waiting on a provider task (a batch, or a generation's own) that the task changed (a
    /// webhook came): it polls at once instead of at its safety net's time. An instance that is gone or not waiting loses nothing by it.
    /// </summary>
    Task TellTaskChangedAsync(string instanceId, string taskId, CancellationToken cancellationToken);

    /// <summary>
    /// Tells a batch that a generation's provider task has ended and its images are in storage: the generation's
    /// provider slot may go to the next one while its step reviews them. A batch that is gone, or heard it already, drops it.
    /// </summary>
    Task TellBatchTaskEndedAsync(string batchInstanceId, Orchestrations.ProviderTaskEnd word, CancellationToken cancellationToken);

    /// <summary>
    /// Tells a batch waiting for <paramref name="provider"/>'s slots that another job's exchange left some free for it: it
    /// asks at once. A batch that is gone, or no longer waits, loses nothing by it (at most one ask more).
    /// </summary>
    Task TellSlotsFreedAsync(string batchInstanceId, string provider, CancellationToken cancellationToken);
}

/// <param name="Status">running, completed or failed.</param>
/// <param name="Result">Once completed: a bulk rerun's <see cref="Orchestrations.RerunJobsResult"/> or an image retry's <see cref="Orchestrations.RetryImagesResult"/>.</param>
/// <param name="Progress">How far an image retry is.</param>
public sealed record OperationState(string Status, object? Result, Orchestrations.RetryProgress? Progress = null)
{
    public const string Running = "running";
    public const string Completed = "completed";
    public const string Failed = "failed";

    public static readonly IReadOnlyList<string> Statuses = [Running, Completed, Failed];
}
