using Azure.Data.Tables;
using GenImageFactory.Infrastructure.Storage;
using GenImageFactory.Local;
using GenImageFactory.Pipeline.Images;
using GenImageFactory.Pipeline.Models;
using GenImageFactory.Pipeline.Ports;

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

    private static List<ImageRecord> Job(int job, string words, int images = 30, long prefix = 0) => Enumerable.Range(0, images).Select(i => new ImageRecord
    {
        Id = $"{JobId(job, prefix)}-g{i:D4}-i00", JobId = JobId(job, prefix), GenerationIndex = i, ImageIndex = 0,
        Prompt = $"stock photo of {words}", AspectRatio = "1:1", Width = 64, Height = 64, ContentType = "image/png", QcStatus = "approved",
        CreatedAt = DateTimeOffset.UnixEpoch, OriginalBlob = "o", FinalBlob = "f",
    }).ToList();

    /// <summary>A job id with the inverted-time prefix real ones have: later jobs sort first.</summary>
    private static string JobId(int job, long prefix = 0) => $"{(prefix == 0 ? 9_000_000_000 - job : prefix):D19}-{job:x8}";

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
            var page = await Index().ListAsync("har", null, 25, after, null, CancellationToken.None);
            listed.AddRange(page.Items.Select(e => e.ImageId));
            after = page.Continuation;
        }
        while (after is not null);

        Assert.Equal(newer.Concat(older).Select(i => i.Id), listed);
    }

    [Fact]
    public async Task ListingWithAWord_SendsOnlyEntriesWithAWordBeginningWithIt_AndThoseWithMoreWordsThanColumns()
    {
        await Index().AddAsync(Job(1, "lantern"), CancellationToken.None);
        await Index().AddAsync(Job(2, "lanyard"), CancellationToken.None);
        await Index().AddAsync(Job(3, "landing lanyard"), CancellationToken.None);
        await Index().AddAsync(Job(4, "lane lanky lance lanolin lantana"), CancellationToken.None);
        await Index().AddAsync(Job(5, "café"), CancellationToken.None);
        await Index().AddAsync(Job(6, "cafeteria"), CancellationToken.None);

        var lant = await ListAllAsync("lan", "lant");
        var lany = await ListAllAsync("lan", "lany");
        var cafe = await ListAllAsync("caf", "café");

        // Job 4's entry has five words of the key, more than the columns: it is always sent, and the caller checks it.
        Assert.Equal([JobId(4), JobId(1)], lant.Select(e => e.JobId).Distinct());
        Assert.Equal([JobId(4), JobId(3), JobId(2)], lany.Select(e => e.JobId).Distinct());
        Assert.Equal([JobId(5)], cafe.Select(e => e.JobId).Distinct());
        Assert.Equal(30, cafe.Count);
    }

    private async Task<List<SearchEntry>> ListAllAsync(string key, string word)
    {
        var listed = new List<SearchEntry>();
        string? after = null;
        do
        {
            var page = await Index().ListAsync(key, word, 7, after, null, CancellationToken.None);
            listed.AddRange(page.Items);
            after = page.Continuation;
        }
        while (after is not null);
        return listed;
    }

    [Fact]
    public async Task SizeRow_KeepsTheNewestAndOldestIdFiled_ButNotForAKeyFiledBeforeItKeptThem()
    {
        await Index().AddAsync(Job(5, "lantern festival"), CancellationToken.None);
        await Index().AddAsync([.. Job(9, "lantern parade"), .. Job(2, "lantern parade")], CancellationToken.None);
        // A key whose size row predates the span: entries it holds are unknown, so no span is claimed for it.
        var tables = new TableServiceClient(_azurite.ConnectionString);
        await tables.GetTableClient(StorageNames.SearchTables[StorageNames.SearchTableOf("ora")]).AddEntityAsync(new TableEntity("ora", "~size") { ["Entries"] = 3L });
        await Index().AddAsync(Job(7, "orange kite"), CancellationToken.None);

        var sizes = await Index().SizesAsync(["lan", "par", "ora"], CancellationToken.None);

        Assert.Equal(new SearchKeySpan($"{JobId(9)}-g0000-i00", $"{JobId(2)}-g0029-i00"), sizes.Spans["lan"]);
        Assert.Equal(new SearchKeySpan($"{JobId(9)}-g0000-i00", $"{JobId(2)}-g0029-i00"), sizes.Spans["par"]);
        Assert.False(sizes.Spans.ContainsKey("ora"));
        Assert.Equal(33, sizes.Entries["ora"]);
    }

    [Fact]
    public async Task ALargeKey_ReadInSlicesOfItsIds_GivesEveryMatchingEntryOnce_NewestFirst()
    {
        // 42 jobs of 100 images a thousand ticks apart: every image is under "sto", only "stormy" ones match the query.
        var jobs = Enumerable.Range(0, 42).Select(j => Job(j, j % 3 == 0 ? "stormy sea" : "still lake", 100, 5_000_000_000 - j * 1_000L)).ToList();
        foreach (var job in jobs)
        {
            await Index().AddAsync(job, CancellationToken.None);
        }
        var reads = new RecordedReads(Index());
        var sizes = await reads.SizesAsync(["sto"], CancellationToken.None);
        var slices = SearchSlices.For(sizes.Spans["sto"], sizes.Entries["sto"], SearchEntryCursor.MaxPageSize);
        var cursor = new SearchEntryCursor(reads, "sto", ["stormy"], null, 50, slices);

        var read = new List<string>();
        while (await cursor.PeekAsync(CancellationToken.None) is { } entry)
        {
            read.Add(entry.ImageId);
            cursor.Pop();
        }

        Assert.NotNull(slices);
        Assert.Equal(jobs.Where((_, j) => j % 3 == 0).SelectMany(j => j).Select(i => i.Id).Order(StringComparer.Ordinal), read);
        // Every request but the last was bounded, and none came back with more than a page.
        Assert.All(reads.Bounds.SkipLast(1), b => Assert.NotNull(b));
        Assert.Null(reads.Bounds[^1]);
        Assert.All(reads.Returned, n => Assert.True(n <= SearchEntryCursor.MaxPageSize));
    }

    /// <summary>The real index, recording the upper bound each listing was asked for.</summary>
    private sealed class RecordedReads(IImageSearchIndex index) : IImageSearchIndex
    {
        public List<string?> Bounds { get; } = [];

        public List<int> Returned { get; } = [];

        public Task AddAsync(IReadOnlyList<ImageRecord> images, CancellationToken cancellationToken) => index.AddAsync(images, cancellationToken);

        public async Task<Page<SearchEntry>> ListAsync(string key, string? word, int limit, string? afterImageId, string? beforeImageId, CancellationToken cancellationToken)
        {
            var page = await index.ListAsync(key, word, limit, afterImageId, beforeImageId, cancellationToken);
            Bounds.Add(beforeImageId);
            Returned.Add(page.Items.Count);
            return page;
        }

        public Task<SearchKeySizes> SizesAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken) => index.SizesAsync(keys, cancellationToken);

        public Task RemoveAsync(string key, string imageId, CancellationToken cancellationToken) => index.RemoveAsync(key, imageId, cancellationToken);
    }
}
