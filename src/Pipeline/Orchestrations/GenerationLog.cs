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

    public void Info(string message) => Add(JobLogLevel.Info, message);

    public void Warning(string message) => Add(JobLogLevel.Warning, message);

    public void Error(string message) => Add(JobLogLevel.Error, message);

    private void Add(string level, string message) => _entries.Add(new JobLogEntry(
        $"g{generationIndex:D4}-{_entries.Count:D3}", context.CurrentUtcDateTime, level, $"Generation {generationIndex}: {message}", generationIndex));
}
