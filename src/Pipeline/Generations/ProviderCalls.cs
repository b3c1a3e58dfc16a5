using GenImageFactory.Pipeline.Models;
using GenImageFactory.Pipeline.Ports;
using Microsoft.Extensions.Logging;

namespace GenImageFactory.Pipeline.Generations;

internal static class ProviderCalls
{
    /// <summary>
    /// Runs one provider call and reports a failure the client could not retry away as a transient-error
    /// value, so the orchestration counts it (and records why) instead of losing the reason in an exception.
    /// </summary>
    public static async Task<ProviderTaskStatus> ReportingFailuresAsync(
        IImageProviders providers, string provider, string? taskId, ILogger logger, Func<IImageProvider, Task<ProviderTaskStatus>> call)
    {
        try
        {
            return await call(providers.Get(provider));
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            logger.ProviderCallFailed(ex, provider, taskId ?? "(new)");
            return ProviderTaskStatus.Transient(taskId, ex.Message);
        }
    }
}
