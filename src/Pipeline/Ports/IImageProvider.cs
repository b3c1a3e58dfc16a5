using GenImageFactory.Pipeline.Models;

namespace GenImageFactory.Pipeline.Ports;

/// <summary>An image generation service. Implementations throw on failures they could not retry away.</summary>
public interface IImageProvider
{
    /// <summary>The name used in <c>parameters.provider</c>.</summary>
    string Name { get; }

    Task<ProviderTaskStatus> SubmitAsync(ProviderTaskRequest request, CancellationToken cancellationToken);

    Task<ProviderTaskStatus> PollAsync(string taskId, CancellationToken cancellationToken);
}

/// <summary>The providers this host can reach, with their per-provider limits.</summary>
public interface IImageProviders
{
    /// <summary>True when this host has a client for the provider.</summary>
    bool IsAvailable(string name);

    /// <exception cref="KeyNotFoundException">No provider of that name is configured.</exception>
    IImageProvider Get(string name);

    /// <summary>How many tasks a job may have in flight at this provider.</summary>
    int MaxConcurrency(string name);
}
