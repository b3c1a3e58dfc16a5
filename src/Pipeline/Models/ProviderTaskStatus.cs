namespace GenImageFactory.Pipeline.Models;

/// <summary>Where a provider task stands. <see cref="ProviderTaskState.Error"/> is a transient failure to learn it.</summary>
public enum ProviderTaskState
{
    Pending,
    Completed,
    Failed,
    Error,
}

/// <summary>
/// A provider's answer to a submit or a poll, reported as a value so the orchestration can count and
/// record failures. Synchronous providers answer a submit with <see cref="ProviderTaskState.Completed"/>.
/// </summary>
public sealed record ProviderTaskStatus(ProviderTaskState State, string? TaskId, IReadOnlyList<string> ImageUrls, string? Error)
{
    public static ProviderTaskStatus Pending(string taskId) => new(ProviderTaskState.Pending, taskId, [], null);
    public static ProviderTaskStatus Completed(string? taskId, IReadOnlyList<string> urls) => new(ProviderTaskState.Completed, taskId, urls, null);
    public static ProviderTaskStatus Failed(string? taskId, string error) => new(ProviderTaskState.Failed, taskId, [], error);
    public static ProviderTaskStatus Transient(string? taskId, string error) => new(ProviderTaskState.Error, taskId, [], error);
}

/// <summary>What one generation asks a provider for.</summary>
public sealed record ProviderTaskRequest(string Prompt, string AspectRatio, string ProcessMode);
