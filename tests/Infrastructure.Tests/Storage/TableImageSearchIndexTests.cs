using Azure.Data.Tables;
using GenImageFactory.Infrastructure.Storage;
using GenImageFactory.Local;
using GenImageFactory.Pipeline.Models;

namespace GenImageFactory.Infrastructure.Tests.Storage;

/// <summary>The search index on a real Azurite: sizes counted under concurrent filing, size rows never listed.</summary>
public sealed class TableImageSearchIndexTests : IAsyncLifetime
{
    private AzuriteProcess _azurite = null!;

    public async Task InitializeAsync()
    {
        _azurite = await AzuriteProcess.StartAsync();
        var tables = new TableServiceClient(_azurite.ConnectionString);
        foreach (var table in StorageNames.SearchTables)
        {
            await tables.CreateTableIfNotExistsAsync(table);
        }
    }

    public async Task DisposeAsync() => await _azurite.DisposeAsync();

    private TableImageSearchIndex Index() => new(new TableServiceClient(_azurite.ConnectionString));

    private static List<ImageRecord> Job(int job, string words) => Enumerable.Range(0, 30).Select(i => new ImageRecord
    {
        Id = $"{9_000_000_000 - job:D19}-{job:x8}-g{i:D4}-i00", JobId = $"{9_000_000_000 - job:D19}-{job:x8}", GenerationIndex = i, ImageIndex = 0,
        Prompt = $"stock photo of {words}", AspectRatio = "1:1", Width = 64, Height = 64, ContentType = "image/png", QcStatus = "approved",
        CreatedAt = DateTimeOffset.UnixEpoch, OriginalBlob = "o", FinalBlob = "f",
    }).ToList();

    [Fact]
    public async Task JobsFiledAtOnce_EachCountOnce_AndAWordInMostImagesIsNotNarrow()
    {
        // Eight jobs filed side by side by separate clients (as the ends of jobs in several processes are) share "sto" and "pho".
        var jobs = Enumerable.Range(0, 8).Select(j => Job(j, j == 0 ? "glacier lagoon" : $"amber dunes {j}")).ToList();

        await Task.WhenAll(jobs.Select(images => Index().AddAsync(images, CancellationToken.None)));
        var sizes = await Index().SizesAsync(["sto", "gla", "amb", "zep"], CancellationToken.None);

        Assert.Equal(240, sizes.Images);
        Assert.Equal(240, sizes.Entries["sto"]);
        Assert.Equal(30, sizes.Entries["gla"]);
        Assert.Equal(210, sizes.Entries["amb"]);
        Assert.Equal(0, sizes.Entries["zep"]);
        Assert.False(sizes.IsNarrow("sto"));
        Assert.False(sizes.IsNarrow("amb"));
        Assert.True(sizes.IsNarrow("gla"));
    }

    [Fact]
    public async Task ListingAKeyToItsEnd_GivesItsEntriesNewestFirst_WithoutTheSizeRow()
    {
        var older = Job(1, "harbour lights");
        var newer = Job(2, "harbour mist");
        await Index().AddAsync(older, CancellationToken.None);
        await Index().AddAsync(newer, CancellationToken.None);

        var listed = new List<string>();
        string? after = null;
        do
        {
            var page = await Index().ListAsync("har", 25, after, CancellationToken.None);
            listed.AddRange(page.Items.Select(e => e.ImageId));
            after = page.Continuation;
        }
        while (after is not null);

        Assert.Equal(newer.Concat(older).Select(i => i.Id), listed);
    }
}
