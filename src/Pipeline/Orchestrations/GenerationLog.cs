using GenImageFactory.Pipeline.Models;
using Microsoft.DurableTask;

namespace GenImageFactory.Pipeline.Orchestrations;

/// <summary>
/// The lines a generation's orchestration itself adds to the job's log (a resubmission, why it failed), keyed by
/// generation and a sequence the orchestration advances, so replays produce the same keys. They wait here until
/// the generation's next step writes them; lines a step could not write come back here and wait for the next.
/// </summary>
internal sealed class GenerationLog(TaskOrchestrationContext context, int generationIndex)
{
    private readonly List<JobLogEntry> _waiting = [];
    private int _sequence;

    public void Info(string message) => Add(JobLogLevel.Info, message);

    public void Warning(string message) => Add(JobLogLevel.Warning, message);

    public void Error(string message) => Add(JobLogLevel.Error, message);

    /// <summary>Lines a step could not write: they go with the next one.</summary>
    public void Keep(IReadOnlyList<JobLogEntry> unwritten) => _waiting.AddRange(unwritten);

    /// <summary>The lines waiting to be written, handed to the step that writes them.</summary>
    public IReadOnlyList<JobLogEntry> Take()
    {
        var taken = _waiting.ToList();
        _waiting.Clear();
        return taken;
    }

    private void Add(string level, string message) => _waiting.Add(new JobLogEntry(
        $"g{generationIndex:D4}-{_sequence++:D3}", context.CurrentUtcDateTime, level, $"Generation {generationIndex}: {message}", generationIndex));
}
