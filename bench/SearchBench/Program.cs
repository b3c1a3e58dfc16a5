using System.Diagnostics;
using System.Globalization;
using Azure.Data.Tables;
using GenImageFactory.Infrastructure.Storage;
using GenImageFactory.Local;
using GenImageFactory.Pipeline.Images;
using GenImageFactory.Pipeline.Models;

// Stores N image records (100 per job) through the image stores and files each job in the search index as a job's
// end does, then times searches (GET /api/images?q=..., a page of 20) on a fresh Server. Each job's images share
// its subject words, as real stock-photo batches do; every image also carries common words ("stock", "photo").
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
var imageCount = args.Length > 0 && args[0] != "--rounds" ? int.Parse(args[0], CultureInfo.InvariantCulture) : 100_000;
const int ImagesPerJob = 100;
const int Requests = 200;
var jobCount = imageCount / ImagesPerJob;

var random = new Random(7);
string Word() => new(Enumerable.Range(0, random.Next(4, 10)).Select(i => i % 2 == 0 ? "bcdfghklmnprstvz"[random.Next(16)] : "aeiou"[random.Next(5)]).ToArray());
var vocabulary = Enumerable.Range(0, 5_000).Select(_ => Word()).Distinct().ToArray();
string[] common = ["stock", "photo", "background", "design", "colorful", "modern", "high", "resolution", "scene", "concept"];
string Pick(string[] pool, int n) => string.Join(' ', Enumerable.Range(0, n).Select(_ => pool[random.Next(pool.Length)]));

await using var azurite = await AzuriteProcess.StartAsync();
var tables = new TableServiceClient(azurite.ConnectionString);
foreach (var table in StorageNames.Tables)
{
    await tables.CreateTableIfNotExistsAsync(table);
}
var records = new TableImageRecordStore(tables);
var statusIndex = new TableImageIndex(tables);
var searchIndex = new TableImageSearchIndex(tables);
var jobs = Enumerable.Range(0, jobCount).Select(j =>
{
    var jobId = $"{9_000_000_000 - j:D19}-{j:x8}";
    var subject = Enumerable.Range(0, 40).Select(_ => vocabulary[random.Next(vocabulary.Length)]).ToArray();
    return Enumerable.Range(0, ImagesPerJob).Select(i => new ImageRecord
    {
        Id = $"{jobId}-g{i / 4:D4}-i{i % 4:D2}", JobId = jobId, GenerationIndex = i / 4, ImageIndex = i % 4,
        Prompt = $"stock photo of {Pick(subject, 4)}", AspectRatio = "1:1", Width = 1024, Height = 1024, ContentType = "image/png",
        QcStatus = i % 10 == 9 ? "qc_failed" : "approved", CreatedAt = DateTimeOffset.UtcNow, OriginalBlob = "o", FinalBlob = "f",
        Metadata = new ImageMetadata($"{Pick(subject, 6)} {Pick(common, 2)}", $"{Pick(subject, 14)} {Pick(common, 6)}.",
            [.. Pick(subject, 10).Split(' '), .. Pick(common, 5).Split(' ')]),
    }).ToList();
}).ToList();
var subjects = jobs.SelectMany(j => j.Take(1)).Select(i => i.Metadata!.Tags[0]).ToArray();

var seeding = Stopwatch.StartNew();
await Parallel.ForEachAsync(jobs, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (images, token) =>
{
    await records.UpsertAsync(images[0].JobId, images, token);
    await statusIndex.AddAsync(images, token);
    await searchIndex.AddAsync(images, token);
});
var entries = 0L;
foreach (var table in StorageNames.SearchTables)
{
    entries += tables.GetTableClient(table).Query<TableEntity>(select: ["PartitionKey"]).LongCount();
}
Console.WriteLine($"stored {imageCount} images of {jobCount} jobs and {entries} search entries in {seeding.Elapsed.TotalSeconds:F0} s");

await using var server = await ServerProcess.StartAsync(new Dictionary<string, string?>
{
    ["ConnectionStrings__Storage"] = azurite.ConnectionString,
    ["Durable__TaskHub"] = "SearchBench",
    ["Schedules__Enabled"] = "false",
    ["Serilog__MinimumLevel__Default"] = "Warning",
});
using var http = new HttpClient { BaseAddress = server.BaseUrl };
var queries = new (string Name, Func<string> Next)[]
{
    ("one subject word", () => subjects[random.Next(subjects.Length)]),
    ("a word's first four letters", () => subjects[random.Next(subjects.Length)][..4]),
    ("two words of one job", () => string.Join(' ', jobs[random.Next(jobs.Count)][0].Metadata!.Tags.Take(2))),
    ("a common word", () => common[random.Next(common.Length)]),
};

// What one search is made of, measured at the store: a read of one key's entries, and a page's records read together.
await TimeAsync("one key's entries, 200 of them", 50, () => searchIndex.ListAsync(SearchWords.KeyOf(subjects[random.Next(subjects.Length)]), null, 200, null, null, default));
await TimeAsync("one key's entries, 1000 of them", 50, () => searchIndex.ListAsync(SearchWords.KeyOf(subjects[random.Next(subjects.Length)]), null, 1000, null, null, default));
// A key in most images: the emulator sorts every row a query matches, so a slice of its ids is what makes it cheap.
var commonKeys = common.Select(SearchWords.KeyOf).Distinct().ToArray();
var commonSizes = await searchIndex.SizesAsync(commonKeys, default);
await TimeAsync("a common key's first 200 entries, whole key", 50, () => searchIndex.ListAsync(commonKeys[random.Next(commonKeys.Length)], null, 200, null, null, default));
await TimeAsync("a common key's first 200 entries, in a slice", 50, () =>
{
    var key = commonKeys[random.Next(commonKeys.Length)];
    var slices = SearchSlices.For(commonSizes.Spans.GetValueOrDefault(key), commonSizes.Entries[key], 1000);
    return searchIndex.ListAsync(key, null, 200, null, slices?.EndAfter(null), default);
});
await TimeAsync("20 records read together", 50, () =>
{
    var job = jobs[random.Next(jobs.Count)];
    return Task.WhenAll(job.Take(20).Select(i => records.GetAsync(i.JobId, i.Id, default)));
});

// Rounds: each line read from standard input restarts the Server (rebuilt meanwhile) and times the searches again.
do
{
    // Warm-up, as a running Server is: its code compiled, and every search table queried once.
    foreach (var (_, next) in queries.SelectMany(q => Enumerable.Repeat(q, 5)))
    {
        await http.GetStringAsync($"api/images?limit=20&q={Uri.EscapeDataString(next())}");
    }
    foreach (var table in StorageNames.SearchTables)
    {
        await tables.GetTableClient(table).QueryAsync<TableEntity>(maxPerPage: 1).AsPages().FirstAsync();
    }
    foreach (var (name, next) in queries)
    {
        await TimeAsync($"q = {name}", Requests / queries.Length, async () =>
        {
            var page = await http.GetStringAsync($"api/images?limit=20&q={Uri.EscapeDataString(next())}");
            return page.Split("\"contentUrl\"").Length - 1;
        }, "images per page");
    }
    if (args.Contains("--rounds") && Console.ReadLine() is not null)
    {
        await server.RestartAsync();
        continue;
    }
    break;
}
while (true);

static async Task TimeAsync<T>(string name, int count, Func<Task<T>> run, string? countName = null)
{
    var times = new List<double>();
    var counted = 0.0;
    for (var i = 0; i < count; i++)
    {
        var clock = Stopwatch.StartNew();
        var result = await run();
        times.Add(clock.Elapsed.TotalMilliseconds);
        counted += result is int n ? n : 0;
    }
    times.Sort();
    var counts = countName is null ? "" : $" ({counted / count:F1} {countName})";
    Console.WriteLine($"{name}: median {times[count / 2]:F0} ms, p95 {times[(int)(count * 0.95) - 1]:F0} ms, max {times[^1]:F0} ms{counts}");
}
