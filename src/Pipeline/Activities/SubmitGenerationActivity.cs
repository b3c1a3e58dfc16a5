using GenImageFactory.Pipeline.Models;
using GenImageFactory.Pipeline.Ports;
using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;

namespace GenImageFactory.Pipeline.Activities;

public sealed record SubmitGenerationRequest(string Provider, ProviderTaskRequest Task);

/// <summary>Submits one provider task. Failures come back as values, so the orchestration can count and record them.</summary>
public sealed class SubmitGenerationActivity(IImageProviders providers, ILogger<SubmitGenerationActivity> logger)
    : TaskActivity<SubmitGenerationRequest, ProviderTaskStatus>
{
    public override async Task<ProviderTaskStatus> RunAsync(TaskActivityContext context, SubmitGenerationRequest input)
    {
        try
        {
            return await providers.Get(input.Provider).SubmitAsync(input.Task, CancellationToken.None);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            logger.LogWarning(ex, "Submitting a {Provider} task failed", input.Provider);
            return ProviderTaskStatus.Transient(null, ex.Message);
        }
    }
}
