using DurableTask.Core.Exceptions;
using GenImageFactory.Pipeline.Orchestrations;
using GenImageFactory.Pipeline.Ports;

namespace GenImageFactory.Server.Durable;

/// <summary>The workflow port over DurableTask.Core's <c>TaskHubClient</c>.</summary>
public sealed class TaskHubWorkflowClient(DurableEngine engine) : IWorkflowClient
{
    public async Task StartJobAsync(string jobId, CancellationToken cancellationToken)
    {
        var client = await engine.Client.WaitAsync(TimeSpan.FromSeconds(30), cancellationToken);
        try
        {
            await client.CreateOrchestrationInstanceAsync(nameof(RunJobOrchestrator), "", jobId, new RunJobInput(jobId));
        }
        catch (OrchestrationAlreadyExistsException)
        {
            // Started before (a retried request): one job, one instance.
        }
    }

    public async Task PurgeJobAsync(string jobId, int totalGenerations, CancellationToken cancellationToken)
    {
        // Every instance id of a job is derived from it: the job, its batches (multiples of 100) and generations.
        var ids = new List<string> { jobId };
        ids.AddRange(Enumerable.Range(0, totalGenerations).Where(i => i % 100 == 0).Select(i => GenerationBatchInput.InstanceIdFor(jobId, i)));
        ids.AddRange(Enumerable.Range(0, totalGenerations).Select(i => GenerationInput.InstanceIdFor(jobId, i)));
        await Parallel.ForEachAsync(ids, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken },
            async (id, _) => await engine.PurgeInstanceAsync(id));
    }
}
