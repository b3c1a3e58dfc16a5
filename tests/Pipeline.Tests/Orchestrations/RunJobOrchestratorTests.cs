using GenImageFactory.Pipeline.Activities;
using GenImageFactory.Pipeline.Models;
using GenImageFactory.Pipeline.Orchestrations;

namespace GenImageFactory.Pipeline.Tests.Orchestrations;

/// <summary>
/// A job on a scripted context: its batches run one after another, and each finished batch's images are filed for
/// search while the next batch runs, so the job's end files none (unless a filing failed). Run on the thread pool
/// (no synchronization context), so each completion runs the orchestration on, synchronously, to its next wait.
/// </summary>
public sealed class RunJobOrchestratorTests
{
    private const string JobId = "20261126-120000000-abcd";
    private static readonly GenerationSettings Settings = new("piapi", "relax", 1, 2, 0, 500);

    private readonly List<TaskCompletionSource<bool>> _filings = [];
    private JobSummary? _completed;

    private ScriptedOrchestrationContext Context(int generations) => new((_, call) => call.Name switch
    {
        nameof(MarkJobRunningActivity) => new JobPlan(generations, 20, 100, Settings),
        nameof(FileBatchImagesActivity) => Pending(),
        nameof(CompleteJobActivity) => Completed(call),
        _ => throw new InvalidOperationException($"unexpected step {call.Name}"),
    });

    private Task<bool> Pending()
    {
        var filing = new TaskCompletionSource<bool>();
        _filings.Add(filing);
        return filing.Task;
    }

    private object Completed(ScriptedCall call)
    {
        _completed = Assert.IsType<JobSummary>(call.Input);
        return true;
    }

    private static GenerationBatchResult Finished(int generations) => new(new GenerationTally(generations, 4 * generations, 0, []), 0);

    [Fact]
    public Task EachFinishedBatch_IsFiledWhileTheNextRuns_AndTheEndFilesNothingMore() => Task.Run(async () =>
    {
        var context = Context(generations: 250);
        var run = new RunJobOrchestrator().RunAsync(context, new RunJobInput(JobId));

        Assert.Single(context.SubOrchestrations);
        context.SubOrchestrations[0].Complete(Finished(100));
        // Batch 0's filing was asked for, and batch 1 started without waiting for it.
        Assert.Equal(2, context.SubOrchestrations.Count);
        Assert.Single(_filings);
        Assert.False(_filings[0].Task.IsCompleted);

        _filings[0].SetResult(true);
        context.SubOrchestrations[1].Complete(Finished(100));
        context.SubOrchestrations[2].Complete(Finished(50));
        // One filing at a time: the last batch's waits for batch 1's.
        Assert.Equal(2, _filings.Count);
        _filings[1].SetResult(true);
        Assert.Equal(3, _filings.Count);
        // The job waits for the last batch's filing before it closes.
        Assert.Null(_completed);
        _filings[2].SetResult(true);

        var summary = await run;
        var filed = context.Calls.Where(c => c.Name == nameof(FileBatchImagesActivity)).Select(c => Assert.IsType<FileBatchImagesRequest>(c.Input));
        Assert.Equal([(0, 100), (100, 100), (200, 50)], filed.Select(f => (f.FirstGeneration, f.Count)));
        Assert.True(_completed!.ImagesFiled);
        Assert.Equal(1000, summary.TotalImages);
    });

    [Fact]
    public Task AFailedFiling_LeavesTheFilingToTheJobsEnd() => Task.Run(async () =>
    {
        var context = Context(generations: 200);
        var run = new RunJobOrchestrator().RunAsync(context, new RunJobInput(JobId));

        context.SubOrchestrations[0].Complete(Finished(100));
        _filings[0].SetException(new Microsoft.DurableTask.TaskFailedException(nameof(FileBatchImagesActivity), 1, new InvalidOperationException("storage down")));
        context.SubOrchestrations[1].Complete(Finished(100));
        _filings[1].SetResult(true);

        await run;
        Assert.False(_completed!.ImagesFiled);
    });
}
