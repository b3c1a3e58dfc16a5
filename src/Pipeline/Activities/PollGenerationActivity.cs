using GenImageFactory.Pipeline.Generations;
using GenImageFactory.Pipeline.Models;
using Microsoft.DurableTask;

namespace GenImageFactory.Pipeline.Activities;

/// <param name="Attempt">The generation's submission this task belongs to (log lines are keyed by it).</param>
/// <param name="LastProviderStatus">The provider's word at the previous poll: a change reaches the job's log.</param>
/// <param name="Interval">The pause before each poll.</param>
/// <param name="PollFor">How long the step keeps polling a pending task; zero polls once, at once.</param>
public sealed record PollGenerationRequest(string TaskId, GenerationTarget Target, int Attempt = 0, string? LastProviderStatus = null)
{
    public TimeSpan Interval { get; init; }
    public TimeSpan PollFor { get; init; }

    /// <summary>The generation's batch, told once the task has ended and its images are in storage (null: none).</summary>
    public string? Batch { get; init; }
}

/// <summary>Where the task stands and, once it completed, its stored images; and log lines not written yet (the generation keeps them).</summary>
public sealed record PolledGeneration(ProviderTaskStatus Status, StoredImages? Stored)
{
    public IReadOnlyList<JobLogEntry> Unwritten { get; init; } = [];

    /// <summary>The step gave way because its job was cancelled or closed: the generation has nothing more to do.</summary>
    public bool JobEnded { get; init; }

    /// <summary>The task whose poll this answers: the orchestration takes only its own (<see cref="Orchestrations.OwnAnswers"/>).</summary>
    public string? Answers { get; init; }
}

/// <summary>Polls a task on (see <see cref="ProviderTaskPolling"/>) after its submission's own polling ended with it pending.</summary>
public sealed class PollGenerationActivity(ProviderTaskPolling polling) : TaskActivity<PollGenerationRequest, PolledGeneration>
{
    public override async Task<PolledGeneration> RunAsync(TaskActivityContext context, PollGenerationRequest input) =>
        await polling.PollAsync(input, checkJobFirst: true) with { Answers = input.TaskId };
}
