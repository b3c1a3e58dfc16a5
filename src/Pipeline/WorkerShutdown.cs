namespace GenImageFactory.Pipeline;

/// <summary>
/// Tells steps that wait that this process is stopping: a poll step waiting between polls returns what it has,
/// so the engine can finish its work items and stop at once, and the generation polls on wherever it runs next.
/// </summary>
public sealed class WorkerShutdown : IDisposable
{
    private readonly CancellationTokenSource _stopping = new();

    public CancellationToken Stopping => _stopping.Token;

    public void Begin() => _stopping.Cancel();

    public void Dispose() => _stopping.Dispose();
}
