using GenImageFactory.Pipeline.Models;
using GenImageFactory.Pipeline.Ports;
using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;

namespace GenImageFactory.Pipeline.Activities;

public sealed record SubmitGenerationRequest(string Provider, ProviderTaskRequest Task);

/// <summary>Submits one provider task; a failure comes back as a value.</summary>
public sealed class SubmitGenerationActivity(IImageProviders providers, ILogger<SubmitGenerationActivity> logger)
    : TaskActivity<SubmitGenerationRequest, ProviderTaskStatus>
{
    public override Task<ProviderTaskStatus> RunAsync(TaskActivityContext context, SubmitGenerationRequest input) =>
        ProviderCalls.ReportingFailuresAsync(providers, input.Provider, null, logger,
            provider => provider.SubmitAsync(input.Task, CancellationToken.None));
}
