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
}
