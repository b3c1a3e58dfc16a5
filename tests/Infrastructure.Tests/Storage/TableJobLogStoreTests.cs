using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using GenImageFactory.Infrastructure.Storage;
using GenImageFactory.Local;
using GenImageFactory.Pipeline.Models;
using GenImageFactory.Pipeline.Ports;

namespace GenImageFactory.Infrastructure.Tests.Storage;

public sealed class JobLogsAzurite() : TablesAzurite(StorageNames.JobLogsTable);

/// <summary>
/// Job progress in the log table on a real Azurite: each step counts once however many writers report it, and a
/// writer that wrote a job's last steps writes the next ones without reading them again.
/// </summary>
public sealed class TableJobLogStoreTests(JobLogsAzurite storage) : IClassFixture<JobLogsAzurite>, IAsyncLifetime
{
    private readonly string _jobId = "job" + Guid.NewGuid().ToString("N")[..8];
    private readonly RequestCounter _requests = new();
    private TableJobLogStore _store = null!;

    public Task InitializeAsync()
    {
        var options = new TableClientOptions();
        options.AddPolicy(_requests, HttpPipelinePosition.PerCall);
        _store = new TableJobLogStore(new TableServiceClient(storage.Azurite.ConnectionString, options));
        return Task.CompletedTask;
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private TableJobLogStore OtherProcess() => new(new TableServiceClient(storage.Azurite.ConnectionString));

    private static GenerationStep[] Steps(int level, params int[] generations) => generations.Select(g => new GenerationStep(g, level)).ToArray();

    private static JobLogEntry[] Line(string key) => [new(key, DateTime.UtcNow, JobLogLevel.Info, "a line")];

    [Fact]
    public async Task Write_AfterItsOwnWrite_ReadsNoRow_AndSendsOneTransaction()
    {
        await _store.WriteAsync(_jobId, Line("a"), Steps(GenerationStep.Stored, 0, 1), CancellationToken.None);
        _requests.Reset();

        var write = await _store.WriteAsync(_jobId, Line("b"), [.. Steps(GenerationStep.Done, 0, 1), .. Steps(GenerationStep.Stored, 2)], CancellationToken.None);

        Assert.Equal(new LogWrite(2 * GenerationStep.Done + GenerationStep.Stored, Continued: true), write);
        Assert.Equal((0, 1), (_requests.Reads, _requests.Total));
    }

    [Fact]
    public async Task OnlyAWriteOntoTheSumThisProcessLastSaw_IsContinued()
    {
        var first = await _store.WriteAsync(_jobId, Line("a"), Steps(GenerationStep.Stored, 0), CancellationToken.None);
        var linesOnly = await _store.WriteAsync(_jobId, Line("b"), [], CancellationToken.None);
        var nothingRose = await _store.WriteAsync(_jobId, Line("c"), Steps(GenerationStep.Submitted, 0), CancellationToken.None);
        await OtherProcess().WriteAsync(_jobId, Line("d"), Steps(GenerationStep.Stored, 1), CancellationToken.None);
        var afterAnother = await _store.WriteAsync(_jobId, Line("e"), Steps(GenerationStep.Done, 0), CancellationToken.None);
        var next = await _store.WriteAsync(_jobId, Line("f"), Steps(GenerationStep.Stored, 2), CancellationToken.None);

        // Every write goes onto the sum (it orders the lines' stamps): a first write and one that had to read prove nothing of the time before.
        Assert.Equal([false, true, true, false, true], new[] { first, linesOnly, nothingRose, afterAnother, next }.Select(w => w.Continued));
        Assert.Equal(GenerationStep.Done + 2 * GenerationStep.Stored, next.Units);
    }

    [Fact]
    public async Task Write_AfterAnotherProcessRaisedSteps_CountsEveryStepOnce()
    {
        await _store.WriteAsync(_jobId, Line("a"), Steps(GenerationStep.Stored, 0), CancellationToken.None);
        // Another process reports generation 0 done and generation 1 stored: what this one knows is now out of date.
        await OtherProcess().WriteAsync(_jobId, Line("b"), [.. Steps(GenerationStep.Done, 0), .. Steps(GenerationStep.Stored, 1)], CancellationToken.None);

        var write = await _store.WriteAsync(_jobId, Line("c"), [.. Steps(GenerationStep.Done, 0, 1), .. Steps(GenerationStep.Stored, 2)], CancellationToken.None);

        Assert.Equal(2 * GenerationStep.Done + GenerationStep.Stored, write.Units);
        Assert.Equal(["a", "b", "c"], (await _store.ReadAsync(_jobId, CancellationToken.None)).Select(e => e.Key).Order());
    }

    [Fact]
    public async Task Write_ManyWritersAtOnce_CountEachStepOnce()
    {
        var writers = new[] { _store, OtherProcess(), OtherProcess() };
        await Task.WhenAll(Enumerable.Range(0, 12).Select(g =>
            writers[g % writers.Length].WriteAsync(_jobId, Line($"g{g}"), [.. Steps(GenerationStep.Stored, g), .. Steps(GenerationStep.Done, g)], CancellationToken.None)));

        var write = await OtherProcess().WriteAsync(_jobId, [], Steps(GenerationStep.Stored, 0), CancellationToken.None);

        Assert.Equal(12 * GenerationStep.Done, write.Units);
    }

    [Fact]
    public async Task Write_AfterTheJobsLogWasDeleted_StartsAgainFromNothing()
    {
        await _store.WriteAsync(_jobId, Line("a"), Steps(GenerationStep.Done, 0, 1), CancellationToken.None);
        await OtherProcess().DeleteJobAsync(_jobId, CancellationToken.None);

        var write = await _store.WriteAsync(_jobId, Line("b"), Steps(GenerationStep.Stored, 2), CancellationToken.None);

        // Not continued: the job's record must be looked at before this log is kept.
        Assert.Equal(new LogWrite(GenerationStep.Stored, Continued: false), write);
    }

    [Fact]
    public async Task ALineHandedOverEarlier_ButWrittenAfterAFollowersRead_IsStampedAfterWhatTheFollowerHas()
    {
        var handedOver = DateTime.UtcNow;
        await OtherProcess().WriteAsync(_jobId, [new("b", handedOver.AddMilliseconds(2), JobLogLevel.Info, "written first, by another process")], [], CancellationToken.None);
        var followed = await _store.ReadAsync(_jobId, CancellationToken.None);
        // Handed to this process's writer before b was, written after the follower read (it waited for a write under way).
        await _store.WriteAsync(_jobId, [new("a", handedOver, JobLogLevel.Info, "handed over earlier")], [], CancellationToken.None);

        var next = await _store.ReadAsync(_jobId, CancellationToken.None, after: followed.Max(e => e.Timestamp));

        Assert.Equal(["a"], next.Select(e => e.Key));
        Assert.Equal(["b", "a"], (await _store.ReadAsync(_jobId, CancellationToken.None)).Select(e => e.Key));
    }

    [Fact]
    public async Task AStepThatRunsAgain_WritingTheSameLines_GivesAFollowerNothingTwice_AndAChangedLineAsNews()
    {
        var at = DateTime.UtcNow;
        await _store.WriteAsync(_jobId, [new("g0000-a0-submitted", at, JobLogLevel.Info, "Generation 0: piapi task t1 submitted."),
            new("g0000-a0-i00-qc", at.AddTicks(1), JobLogLevel.Info, "Generation 0: image i00 approved.")], [], CancellationToken.None);
        var followed = await _store.ReadAsync(_jobId, CancellationToken.None);

        // The step runs again in another process (its first process was killed after writing): the same lines, one of
        // them now with other words (a second quality check may judge otherwise).
        await OtherProcess().WriteAsync(_jobId, [new("g0000-a0-submitted", at.AddSeconds(5), JobLogLevel.Info, "Generation 0: piapi task t1 submitted."),
            new("g0000-a0-i00-qc", at.AddSeconds(5), JobLogLevel.Warning, "Generation 0: image i00 failed the quality check.")], [], CancellationToken.None);

        var next = await _store.ReadAsync(_jobId, CancellationToken.None, after: followed.Max(e => e.Timestamp));
        Assert.Equal(["g0000-a0-i00-qc"], next.Select(e => e.Key));
        Assert.Equal(JobLogLevel.Warning, next[0].Level);
        var all = await _store.ReadAsync(_jobId, CancellationToken.None);
        Assert.Equal(2, all.Count);
        Assert.Equal(followed.Single(e => e.Key == "g0000-a0-submitted").Timestamp, all.Single(e => e.Key == "g0000-a0-submitted").Timestamp);
    }

    [Fact]
    public async Task LinesOfOneWrite_KeepTheirOrder_AndAreStampedApart()
    {
        var at = DateTime.UtcNow;
        JobLogEntry[] lines = [new("x", at, JobLogLevel.Info, "first"), new("y", at.AddTicks(1), JobLogLevel.Info, "second"), new("z", at.AddTicks(2), JobLogLevel.Info, "third")];
        await _store.WriteAsync(_jobId, lines, Steps(GenerationStep.Stored, 0), CancellationToken.None);
        await OtherProcess().WriteAsync(_jobId, [new("w", at, JobLogLevel.Info, "same time, written later")], [], CancellationToken.None);

        var read = await _store.ReadAsync(_jobId, CancellationToken.None);

        Assert.Equal(["x", "y", "z", "w"], read.Select(e => e.Key));
        Assert.Equal(4, read.Select(e => e.Timestamp).Distinct().Count());
        // Whole milliseconds: a follower keeping the newest as a JavaScript Date (milliseconds) passes it back exactly.
        Assert.All(read, e => Assert.Equal(0, e.Timestamp.Ticks % TimeSpan.TicksPerMillisecond));
        var asADate = DateTimeOffset.FromUnixTimeMilliseconds(new DateTimeOffset(read[1].Timestamp).ToUnixTimeMilliseconds());
        Assert.Equal(["z", "w"], (await _store.ReadAsync(_jobId, CancellationToken.None, after: asADate)).Select(e => e.Key));
    }
}
