using System.Text.Json;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using GenImageFactory.Domain.Configuration;
using GenImageFactory.Domain.Jobs;
using GenImageFactory.Infrastructure.Storage;
using GenImageFactory.Pipeline.Models;

namespace GenImageFactory.Infrastructure.Tests.Storage;

/// <summary>
/// A table property holds 32K characters, and storage refuses a longer one on every retry: provider messages, prompts
/// and failure lists of any length are written shortened, on the real storage emulator.
/// </summary>
public sealed class OversizedTextTests(JobStoresAzurite storage) : IClassFixture<JobStoresAzurite>
{
    [Fact]
    public async Task AJobsClosingWrite_WithFiftyLongFailuresAndALongError_IsStored_KeepingTheFirstFailures()
    {
        var blobs = new BlobServiceClient(storage.Azurite.ConnectionString);
        await blobs.GetBlobContainerClient(StorageNames.SnapshotsContainer).CreateIfNotExistsAsync();
        var jobs = new TableJobStore(new TableServiceClient(storage.Azurite.ConnectionString), blobs);
        var jobId = JobId.New(DateTimeOffset.UtcNow);
        await jobs.CreateAsync(new JobRecord
        {
            Id = jobId, Label = "long", Status = JobStatus.Running, Phase = JobPhase.Generating, TotalGenerations = 50,
            Configuration = ConfigurationReader.Read(JsonDocument.Parse("""{"name":"n"}""").RootElement).Value!, CreatedAt = DateTimeOffset.UtcNow,
        }, CancellationToken.None);
        var failures = Enumerable.Range(0, 50).Select(i => new GenerationFailure(i, new string('p', 5_000), $"provider said: {new string('r', 5_000)}")).ToList();

        var written = await jobs.UpdateAsync(jobId, new JobUpdate
        {
            WhileActive = true, Status = JobStatus.Failed, Phase = JobPhase.Done, FailedGenerations = 50,
            ErrorMessage = "All 50 generations failed; first: " + new string('e', 40_000), GenerationFailures = failures,
        }, CancellationToken.None);
        var job = await jobs.GetAsync(jobId, CancellationToken.None);

        Assert.True(written);
        Assert.Equal(JobStatus.Failed, job!.Status);
        Assert.StartsWith("All 50 generations failed; first: eee", job.ErrorMessage);
        Assert.Equal(TableText.MaxChars, job.ErrorMessage!.Length);
        Assert.InRange(job.GenerationFailures.Count, 1, 49);
        Assert.Equal(Enumerable.Range(0, job.GenerationFailures.Count), job.GenerationFailures.Select(f => f.GenerationIndex));
        Assert.All(job.GenerationFailures, f => Assert.StartsWith("provider said: rrr", f.Reason));
    }

    [Fact]
    public async Task ALogLineLongerThanAPropertyHolds_IsWrittenShortened()
    {
        var logs = new TableJobLogStore(new TableServiceClient(storage.Azurite.ConnectionString));
        var jobId = JobId.New(DateTimeOffset.UtcNow);

        await logs.WriteAsync(jobId, [new JobLogEntry("g0000-failed", DateTime.UtcNow, JobLogLevel.Error, "failed: " + string.Concat(Enumerable.Repeat("😀", 20_000)))], [], CancellationToken.None);
        var line = Assert.Single(await logs.ReadAsync(jobId, CancellationToken.None));

        // One character short when the cut would have fallen inside a pair.
        Assert.InRange(line.Message.Length, TableText.MaxChars - 1, TableText.MaxChars);
        Assert.EndsWith("…", line.Message);
        Assert.True(PairsWhole(line.Message), "a surrogate pair was split");
    }

    [Theory]
    [InlineData(10, 10)]
    [InlineData(11, 10)]
    [InlineData(12, 10)]
    public void Cut_KeepsShortText_AndNeverSplitsASurrogatePair(int length, int max)
    {
        var text = string.Concat(Enumerable.Repeat("a😀", length));

        var cut = TableText.Cut(text, max)!;

        Assert.True(cut.Length <= max);
        Assert.True(text.Length <= max ? cut == text : cut.EndsWith('…'));
        Assert.True(PairsWhole(cut), cut);
    }

    private static bool PairsWhole(string text) =>
        Enumerable.Range(0, text.Length).All(i =>
            !char.IsHighSurrogate(text[i]) ? !char.IsLowSurrogate(text[i]) || (i > 0 && char.IsHighSurrogate(text[i - 1]))
            : i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]));
}
