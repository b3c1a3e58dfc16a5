using GenImageFactory.Pipeline.Models;

namespace GenImageFactory.Pipeline.Ports;

/// <summary>
/// The provider's answer to each generation attempt's submission, with the prompt it was submitted with, so a
/// submit step that runs again (a crash after the provider accepted, a redelivered message) takes up the paid-for
/// task, under the prompt it was paid for, instead of writing another and paying for a second one: a polled task
/// is polled, a synchronous provider's images are stored again from their originals, which it points to.
/// </summary>
public interface ISubmittedTaskStore
{
    Task<SubmittedTask?> FindAsync(string jobId, int generationIndex, int attempt, CancellationToken cancellationToken);

    /// <summary>
    /// Claims an attempt's submission before it is sent, for <paramref name="lease"/>: of two
    /// runs of one step at once (an orchestration episode run again sends its steps again), one sends it and the other
    /// waits for its answer. The run that holds it renews it while it waits for the provider; a claim that lapsed (its
    /// run died before the provider's answer was recorded) can be taken.
    /// </summary>
    Task<SubmissionClaim> ClaimAsync(string jobId, int generationIndex, int attempt, TimeSpan lease, CancellationToken cancellationToken);

    /// <summary>Extends this run's claim (<see cref="SubmissionClaim.Holder"/>) while it waits for the provider's answer; false when it is no longer this run's.</summary>
    Task<bool> RenewClaimAsync(string jobId, int generationIndex, int attempt, string holder, TimeSpan lease, CancellationToken cancellationToken);

    /// <summary>
    /// Withdraws this run's claim (<see cref="SubmissionClaim.Holder"/>) when its submission was not accepted (refused,
    /// failed, or not sent): a run again may send it at once. A claim another run took over since stays.
    /// </summary>
    Task ReleaseClaimAsync(string jobId, int generationIndex, int attempt, string holder, CancellationToken cancellationToken);

    Task RecordAsync(string jobId, int generationIndex, int attempt, string provider, SubmittedTask task, CancellationToken cancellationToken);

    /// <summary>
    /// Notes what a task cost once its images are stored: a job closed from outside its workflow (a cancel) adds these
    /// up, since the cost the workflow was carrying ends with it.
    /// </summary>
    Task RecordSpentAsync(string jobId, int generationIndex, int attempt, decimal? cost, decimal? credits, CancellationToken cancellationToken);

    /// <summary>The costs of the job's tasks noted so far (<see cref="RecordSpentAsync"/>), in USD and the provider's credits.</summary>
    Task<(decimal Usd, decimal Credits)> SpentAsync(string jobId, CancellationToken cancellationToken);

    Task DeleteJobAsync(string jobId, CancellationToken cancellationToken);
}

/// <param name="Answer">
/// Pending with the task's id (a polled provider), or completed with its cost and images (a synchronous one): the
/// provider's URLs from its answer until the originals are stored, then those (<see cref="ImageBlobNames.StoredOriginalSource"/>).
/// </param>
public sealed record SubmittedTask(ProviderTaskStatus Answer, PreparedPrompt Prompt);

/// <summary>What <see cref="ISubmittedTaskStore.ClaimAsync"/> found.</summary>
public enum SubmissionClaimState
{
    /// <summary>This step sends the submission (and records its answer, or withdraws the claim).</summary>
    Claimed,

    /// <summary>The provider's answer is recorded (<see cref="ISubmittedTaskStore.FindAsync"/>): nothing to send.</summary>
    Answered,

    /// <summary>Another run of the step holds the claim until <see cref="SubmissionClaim.HeldUntil"/>.</summary>
    Held,
}

/// <param name="Holder">The claim's own mark, for withdrawing it (<see cref="SubmissionClaimState.Claimed"/> only).</param>
public sealed record SubmissionClaim(SubmissionClaimState State, DateTimeOffset HeldUntil = default, string Holder = "");
