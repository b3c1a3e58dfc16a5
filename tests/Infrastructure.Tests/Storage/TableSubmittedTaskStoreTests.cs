using Azure.Data.Tables;
using GenImageFactory.Infrastructure.Storage;
using GenImageFactory.Pipeline.Models;
using GenImageFactory.Pipeline.Ports;

namespace GenImageFactory.Infrastructure.Tests.Storage;

public sealed class SubmittedTasksAzurite() : TablesAzurite(StorageNames.SubmittedTasksTable);

/// <summary>The submitted-task ledger on a real Azurite: what a submit step that runs again finds.</summary>
public sealed class TableSubmittedTaskStoreTests(SubmittedTasksAzurite storage) : IClassFixture<SubmittedTasksAzurite>
{
    private readonly TableSubmittedTaskStore _ledger = new(new TableServiceClient(storage.Azurite.ConnectionString));
    private readonly string _jobId = $"20261127-{Guid.NewGuid():N}";
    private static readonly PreparedPrompt Prompt = new("a red barn", "a red barn, golden hour", "16:9");

    [Fact]
    public async Task APolledTask_IsFoundAgainAsPending_UnderItsPrompt()
    {
        await _ledger.RecordAsync(_jobId, 3, 0, "piapi", new SubmittedTask(ProviderTaskStatus.Pending("task-3"), Prompt), CancellationToken.None);

        var found = await _ledger.FindAsync(_jobId, 3, 0, CancellationToken.None);

        Assert.NotNull(found);
        Assert.Equal((ProviderTaskState.Pending, "task-3"), (found.Answer.State, found.Answer.TaskId));
        Assert.Equal(Prompt, found.Prompt);
        Assert.Null(await _ledger.FindAsync(_jobId, 3, 1, CancellationToken.None));
    }

    [Fact]
    public async Task ASynchronousAnswer_IsFoundAgainWithItsStoredOriginalsAndCost_WithOrWithoutATaskId()
    {
        var urls = new[] { ImageBlobNames.StoredOriginalSource($"{_jobId}/a.original.png"), ImageBlobNames.StoredOriginalSource($"{_jobId}/b.original.png") };
        await _ledger.RecordAsync(_jobId, 0, 0, "openai-images",
            new SubmittedTask(ProviderTaskStatus.Completed(null, urls) with { Cost = 0.04m }, Prompt), CancellationToken.None);
        await _ledger.RecordAsync(_jobId, 1, 0, "runware",
            new SubmittedTask(ProviderTaskStatus.Completed("rw-1", urls[..1]) with { Cost = 0.0019m }, Prompt), CancellationToken.None);

        var openAi = (await _ledger.FindAsync(_jobId, 0, 0, CancellationToken.None))!.Answer;
        var runware = (await _ledger.FindAsync(_jobId, 1, 0, CancellationToken.None))!.Answer;

        Assert.Equal((ProviderTaskState.Completed, null, 0.04m), (openAi.State, openAi.TaskId, openAi.Cost));
        Assert.Equal(urls, openAi.ImageUrls);
        Assert.Equal((ProviderTaskState.Completed, "rw-1", 0.0019m), (runware.State, runware.TaskId, runware.Cost));
        Assert.Equal(urls[..1], runware.ImageUrls);
    }
}
