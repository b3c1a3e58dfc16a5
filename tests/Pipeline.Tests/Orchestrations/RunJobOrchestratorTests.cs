using GenImageFactory.Pipeline.Activities;
using GenImageFactory.Pipeline.Models;
using GenImageFactory.Pipeline.Orchestrations;

namespace GenImageFactory.Pipeline.Tests.Orchestrations;

/// <summary>
/// A job on a scripted context: its batches run one after another, each filing its own images for search as its
/// generations end, so the job's end files none unless a batch says its filing failed. Run on the thread pool (no
/// synchronization context), so each completion runs the orchestration on, synchronously, to its next wait.
/// </summary>
public sealed class RunJobOrchestratorTests
{
    private const string JobId = "20261126-120000000-abcd";
    private static readonly GenerationSettings Settings = new("piapi", "relax", 1, 2, 0, 500);

    private JobSummary? _completed;

    private ScriptedOrchestrationContext Context(int generations) => new((_, call) => call.Name switch
    {
        nameof(MarkJobRunningActivity) => new JobPlan(generations, 20, 100, Settings),
        nameof(CompleteJobActivity) => Completed(call),
        _ => throw new InvalidOperationException($"unexpected step {call.Name}"),
    });

    private object Completed(ScriptedCall call)
    {
        _completed = Assert.IsType<JobSummary>(call.Input);
        return true;
    }

    private static GenerationBatchResult Finished(int generations, bool filed = true) => new(new GenerationTally(generations, 4 * generations, 0, []), 0, filed);

    [Fact]
    public Task BatchesRunOneAfterAnother_AndAJobWhoseBatchesFiledTheirImages_FilesNothingAtItsEnd() => Task.Run(async () =>
    {
        var context = Context(generations: 250);
        var run = new RunJobOrchestrator().RunAsync(context, new RunJobInput(JobId));

        Assert.Single(context.SubOrchestrations);
        context.SubOrchestrations[0].Complete(Finished(100));
        Assert.Equal(2, context.SubOrchestrations.Count);
        context.SubOrchestrations[1].Complete(Finished(100));
        context.SubOrchestrations[2].Complete(Finished(50));

        var summary = await run;
        Assert.Equal([(0, 100), (100, 100), (200, 50)], context.SubOrchestrations.Select(b => Assert.IsType<GenerationBatchInput>(b.Input)).Select(b => (b.First, b.Count)));
        Assert.True(_completed!.ImagesFiled);
        Assert.Equal(1000, summary.TotalImages);
    });

    [Fact]
    public Task ABatchWhoseFilingFailed_LeavesTheFilingToTheJobsEnd() => Task.Run(async () =>
    {
        var context = Context(generations: 200);
        var run = new RunJobOrchestrator().RunAsync(context, new RunJobInput(JobId));

        context.SubOrchestrations[0].Complete(Finished(100, filed: false));
        context.SubOrchestrations[1].Complete(Finished(100));

        await run;
        Assert.False(_completed!.ImagesFiled);
    });
}
