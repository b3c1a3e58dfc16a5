using GenImageFactory.Pipeline.Models;
using Microsoft.DurableTask;

namespace GenImageFactory.Pipeline.Orchestrations;

/// <summary>
/// The log lines of one generation, keyed by generation and a sequence the orchestration itself advances
/// and timed by the orchestration clock: replays produce the same entries, so they are written once.
/// </summary>
internal sealed class GenerationLog(TaskOrchestrationContext context, int generationIndex)
{
    private readonly List<JobLogEntry> _entries = [];

    public IReadOnlyList<JobLogEntry> Entries => _entries;

    public void Info(string message, string? imageId = null) => Add(JobLogLevel.Info, message, imageId);

    public void Warning(string message, string? imageId = null) => Add(JobLogLevel.Warning, message, imageId);

    public void Error(string message) => Add(JobLogLevel.Error, message, null);

    private void Add(string level, string message, string? imageId) => _entries.Add(new JobLogEntry(
        $"g{generationIndex:D4}-{_entries.Count:D3}", context.CurrentUtcDateTime, level, $"Generation {generationIndex}: {message}", generationIndex, imageId));
}
