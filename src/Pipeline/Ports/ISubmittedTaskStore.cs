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
