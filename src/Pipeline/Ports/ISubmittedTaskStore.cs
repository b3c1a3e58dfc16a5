namespace GenImageFactory.Pipeline.Ports;

/// <summary>
/// The provider task each generation attempt submitted, so a submit step that runs again (a crash after the
/// provider accepted, a redelivered message) polls the paid-for task instead of paying for a second one.
/// </summary>
public interface ISubmittedTaskStore
{
    Task<string?> FindAsync(string jobId, int generationIndex, int attempt, CancellationToken cancellationToken);

    Task RecordAsync(string jobId, int generationIndex, int attempt, string provider, string taskId, CancellationToken cancellationToken);

    Task DeleteJobAsync(string jobId, CancellationToken cancellationToken);
}
