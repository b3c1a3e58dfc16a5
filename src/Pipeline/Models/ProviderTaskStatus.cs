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
    /// <summary>What the provider reports the task cost, in USD (PiAPI's credits converted); null when it reports none.</summary>
    public decimal? Cost { get; init; }

    /// <summary>The provider's own unit where it has one (PiAPI's <c>meta.usage.consume</c> credits).</summary>
    public decimal? Credits { get; init; }

    /// <summary>
    /// A refusal no other task of this job would escape (an invalid key, no credits left, a model the account
    /// may not use): the job stops starting tasks instead of retrying every generation.
    /// </summary>
    public bool Fatal { get; init; }

    /// <summary>
    /// The task's one image is a grid of <see cref="GridSide"/> x <see cref="GridSide"/> images (Midjourney's answer
    /// on plans that do not split it): they are cut apart before they are stored. 0: the images are separate.
    /// </summary>
    public int GridSide { get; init; }

    /// <summary>The provider's own word for where a pending task stands (PiAPI: pending, processing, staged), for the job's log.</summary>
    public string? ProviderStatus { get; init; }

    /// <summary>Longest provider status word kept: it is the provider's text, and it reaches the log.</summary>
    private const int MaxProviderStatusChars = 32;

    public static ProviderTaskStatus Pending(string taskId, string? providerStatus = null) => new(ProviderTaskState.Pending, taskId, [], null)
    {
        ProviderStatus = providerStatus is null ? null : new string(providerStatus.Trim().ToLowerInvariant()
            .Where(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '_' or '-' or ' ').Take(MaxProviderStatusChars).ToArray()),
    };
    /// <summary>No provider returns more images per task; an answer listing more is cut here, not downloaded.</summary>
    public const int MaxImageUrls = 10;

    public static ProviderTaskStatus Completed(string? taskId, IReadOnlyList<string> urls) =>
        new(ProviderTaskState.Completed, taskId, urls.Take(MaxImageUrls).ToList(), null);
    public static ProviderTaskStatus Failed(string? taskId, string error) => new(ProviderTaskState.Failed, taskId, [], error);
    public static ProviderTaskStatus Transient(string? taskId, string error) => new(ProviderTaskState.Error, taskId, [], error);
    public static ProviderTaskStatus Refused(string? taskId, string error) => new(ProviderTaskState.Failed, taskId, [], error) { Fatal = true };
}

/// <summary>What one generation asks a provider for.</summary>
/// <param name="Model">The configuration's model id; empty means the provider's default.</param>
public sealed record ProviderTaskRequest(string Prompt, string AspectRatio, string ProcessMode, string Model = "")
{
    /// <summary>The orchestration a provider that calls back (a webhook) should wake when the task ends.</summary>
    public string? WakeInstance { get; init; }
}
