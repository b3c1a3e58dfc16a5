using System.Text.Json;
using Azure.Core;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using GenImageFactory.Domain.Configuration;
using GenImageFactory.Domain.Jobs;
using GenImageFactory.Infrastructure.Storage;
using GenImageFactory.Pipeline.Jobs;
using GenImageFactory.Pipeline.Models;
using GenImageFactory.Pipeline.Ports;
using Microsoft.Extensions.Logging.Abstractions;

namespace GenImageFactory.Infrastructure.Tests.Storage;

public sealed class JobStoresAzurite() : TablesAzurite([.. StorageNames.Tables]);

/// <summary>
/// The live log writer on the real stores: a running job's record is written when its progress rises a whole percent
/// and read for nothing else, and the lines of a deleted job are taken away again.
/// </summary>
public sealed class JobLogWriterTests(JobStoresAzurite storage) : IClassFixture<JobStoresAzurite>, IAsyncLifetime
{
    private readonly string _jobId = JobId.New(DateTimeOffset.UtcNow);
    private RequestCounter _jobRequests = null!;
    private TableJobStore _jobs = null!;
    private TableJobLogStore _logs = null!;

    public async Task InitializeAsync()
    {
        // Requests for the job's own record (not the totals row a first update also touches).
        _jobRequests = new(m => m.Request.Uri.ToString().Contains(_jobId, StringComparison.Ordinal));
        var options = new TableClientOptions();
        options.AddPolicy(_jobRequests, HttpPipelinePosition.PerCall);
        var blobs = new BlobServiceClient(storage.Azurite.ConnectionString);
        await blobs.GetBlobContainerClient(StorageNames.SnapshotsContainer).CreateIfNotExistsAsync();
        _jobs = new TableJobStore(new TableServiceClient(storage.Azurite.ConnectionString, options), blobs);
        _logs = new TableJobLogStore(new TableServiceClient(storage.Azurite.ConnectionString));
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private JobLogWriter Writer() => new(_logs, _jobs, TimeProvider.System, NullLogger<JobLogWriter>.Instance);

    private Task CreateRunningJobAsync(int generations) => _jobs.CreateAsync(new JobRecord
    {
        Id = _jobId, Label = "writer", Status = JobStatus.Running, Phase = JobPhase.Generating, TotalGenerations = generations,
        Configuration = ConfigurationReader.Read(JsonDocument.Parse("""{"name":"n"}""").RootElement).Value!, CreatedAt = DateTimeOffset.UtcNow,
    }, CancellationToken.None);

    private static JobLogEntry[] Line(string key) => [new(key, DateTime.UtcNow, JobLogLevel.Info, "a line")];

    [Fact]
    public async Task ARunningJobsRecord_IsWrittenWhenProgressRisesAWholePercent_AndReadForNothingElse()
    {
        // 100 generations of 4 units each: progress is 95% x units / 400, in whole percent.
        await CreateRunningJobAsync(100);
        var writer = Writer();
        _jobRequests.Reset();

        Assert.Empty(await writer.TryWriteAsync(_jobId, Line("g0"), new GenerationStep(0, GenerationStep.Submitted), 100));
        foreach (var generation in Enumerable.Range(1, 3))
        {
            // Up to 4 units progress stays at 0%: the log is written under the sum this writer knows, the record is left alone.
            Assert.Empty(await writer.TryWriteAsync(_jobId, Line($"g{generation}"), new GenerationStep(generation, GenerationStep.Submitted), 100));
        }
        Assert.Empty(await writer.TryWriteAsync(_jobId, Line("done"), new GenerationStep(0, GenerationStep.Done), 100));
        Assert.Empty(await writer.TryWriteAsync(_jobId, Line("done"), new GenerationStep(1, GenerationStep.Done), 100));

        // Generation 0 done: 7 units, 1%; generation 1 done: 10 units, 2%. The writer moves progress after the lines
        // are stored: wait for it.
        var watcher = new TableJobStore(new TableServiceClient(storage.Azurite.ConnectionString), new BlobServiceClient(storage.Azurite.ConnectionString));
        await UntilAsync(async () => (await watcher.GetAsync(_jobId, CancellationToken.None))!.Progress == 2);
        // Moves to 0% (the first write), 1% and 2% read the record once each; the three writes between, not at all.
        Assert.Equal(3, _jobRequests.Reads);
    }

    [Fact]
    public async Task LinesOfADeletedJob_AreTakenAway_EvenWhenItsWriterHadWrittenTheLogBefore()
    {
        await CreateRunningJobAsync(100);
        var writer = Writer();
        Assert.Empty(await writer.TryWriteAsync(_jobId, Line("a"), new GenerationStep(0, GenerationStep.Submitted), 100));
        await UntilAsync(async () => (await _logs.ReadAsync(_jobId, CancellationToken.None)).Count == 1);

        // Deleted by another process: its record and log go, then a step still finishing here writes a line.
        await _jobs.DeleteAsync(_jobId, CancellationToken.None);
        await new TableJobLogStore(new TableServiceClient(storage.Azurite.ConnectionString)).DeleteJobAsync(_jobId, CancellationToken.None);
        Assert.Empty(await writer.TryWriteAsync(_jobId, Line("late"), new GenerationStep(1, GenerationStep.Submitted), 100));

        await UntilAsync(async () => (await _logs.ReadAsync(_jobId, CancellationToken.None)).Count == 0);
    }

    [Fact]
    public async Task LinesOfAJobWithNoRecord_AreTakenAway()
    {
        Assert.Empty(await Writer().TryWriteAsync(_jobId, Line("stray"), null, 0));

        await UntilAsync(async () => (await _logs.ReadAsync(_jobId, CancellationToken.None)).Count == 0);
    }

    private static async Task UntilAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "The condition did not hold within 30 s.");
            await Task.Delay(50);
        }
    }
}
