using GenImageFactory.Pipeline.Models;

namespace GenImageFactory.Pipeline.Ports;

/// <summary>
/// The provider task each generation attempt submitted, with the prompt it was submitted with, so a submit step
/// that runs again (a crash after the provider accepted, a redelivered message) polls the paid-for task, under
/// the prompt it was paid for, instead of writing another and paying for a second task.
/// </summary>
public interface ISubmittedTaskStore
{
    Task<SubmittedTask?> FindAsync(string jobId, int generationIndex, int attempt, CancellationToken cancellationToken);

    Task RecordAsync(string jobId, int generationIndex, int attempt, string provider, SubmittedTask task, CancellationToken cancellationToken);

    Task DeleteJobAsync(string jobId, CancellationToken cancellationToken);
}

public sealed record SubmittedTask(string TaskId, PreparedPrompt Prompt);
