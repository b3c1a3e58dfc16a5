namespace GenImageFactory.Pipeline.Ports;

/// <summary>The narrow door from the API to the durable engine, implemented by each host over its own client.</summary>
public interface IWorkflowClient
{
    /// <summary>Starts the job orchestration whose instance id is the job id. Starting it twice starts it once.</summary>
    Task StartJobAsync(string jobId, CancellationToken cancellationToken);

    /// <summary>Terminates whatever still runs of a job's orchestrations: no more submissions or polls.</summary>
    Task CancelJobAsync(string jobId, int totalGenerations, string reason, CancellationToken cancellationToken);

    /// <summary>Removes the durable history of a job's orchestrations (job, batches, generations).</summary>
    Task PurgeJobAsync(string jobId, int totalGenerations, CancellationToken cancellationToken);
}
