using GenImageFactory.Domain.Configuration;
using GenImageFactory.Domain.Jobs;
using GenImageFactory.Pipeline.Ports;

namespace GenImageFactory.Pipeline.Generations;

/// <summary>
/// Parsed generation plans of recent jobs. A snapshot never changes, and parsing up to 1 MiB of keywords
/// once per generation would cost more than the generation's own storage traffic.
/// </summary>
public sealed class GenerationPlans(IJobStore jobs)
{
    private const int Capacity = 16;
    private readonly object _gate = new();
    private readonly LinkedList<(string JobId, GenerationPlan Plan, JobConfiguration Configuration)> _recent = new();

    public async Task<(GenerationPlan Plan, JobConfiguration Configuration)> GetAsync(string jobId, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            for (var node = _recent.First; node is not null; node = node.Next)
            {
                if (node.Value.JobId == jobId)
                {
                    _recent.Remove(node);
                    _recent.AddFirst(node);
                    return (node.Value.Plan, node.Value.Configuration);
                }
            }
        }

        var job = await jobs.GetAsync(jobId, cancellationToken)
            ?? throw new InvalidOperationException($"Job {jobId} has no execution record.");
        var plan = new GenerationPlan(jobId, job.Configuration);
        lock (_gate)
        {
            _recent.AddFirst((jobId, plan, job.Configuration));
            while (_recent.Count > Capacity)
            {
                _recent.RemoveLast();
            }
        }
        return (plan, job.Configuration);
    }
}
