using GenImageFactory.Pipeline.Models;
using GenImageFactory.Pipeline.Ports;
using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;

namespace GenImageFactory.Pipeline.Activities;

public sealed record PollGenerationRequest(string Provider, string TaskId);

/// <summary>Asks the provider where one task stands; an error to ask is a transient value, not an exception.</summary>
public sealed class PollGenerationActivity(IImageProviders providers, ILogger<PollGenerationActivity> logger)
    : TaskActivity<PollGenerationRequest, ProviderTaskStatus>
{
    public override async Task<ProviderTaskStatus> RunAsync(TaskActivityContext context, PollGenerationRequest input)
    {
        try
        {
            return await providers.Get(input.Provider).PollAsync(input.TaskId, CancellationToken.None);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            logger.LogWarning(ex, "Polling {Provider} task {TaskId} failed", input.Provider, input.TaskId);
            return ProviderTaskStatus.Transient(input.TaskId, ex.Message);
        }
    }
}
