using System.Net;
using System.Text.Json;
using Azure.Data.Tables;
using GenImageFactory.Emulators.PiApi;
using GenImageFactory.Infrastructure.Storage;
using GenImageFactory.Server.Tests.Support;

namespace GenImageFactory.Server.Tests;

public class ImageReviewTests(FactoryFixture factory) : IClassFixture<FactoryFixture>
{
    private async Task<string> RunJobWithBlankGenerationAsync()
    {
        var jobId = await factory.Client.StartJobAsync(Configurations.Job(2, keywords: $"sunlit vineyard\n{PiApiEmulatorOptions.BlankMarker}", aspectRatios: "1:1"));
        await factory.Client.WaitForJobAsync(jobId, TimeSpan.FromMinutes(3));
        return jobId;
    }

    private async Task<List<string>> IdsAsync(string query)
    {
        var page = await factory.Http.GetFromJsonAsync<JsonElement>($"api/images?limit=100&{query}");
        return page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()!).ToList();
    }

    [Fact]
    public async Task Lists_GalleryAndReview_AcrossJobs_NewestFirst_WithSearch()
    {
        var older = await RunJobWithBlankGenerationAsync();
        var newer = await RunJobWithBlankGenerationAsync();

        // Other tests of this class share the storage: look only at these two jobs.
        bool Ours(string id) => id.StartsWith(older, StringComparison.Ordinal) || id.StartsWith(newer, StringComparison.Ordinal);
        var gallery = (await IdsAsync("")).Where(Ours).ToList();
        var review = (await IdsAsync("qcStatus=qc_failed")).Where(Ours).ToList();
        var search = (await IdsAsync("q=sunlit%20vineyard")).Where(Ours).ToList();
        var nothing = await IdsAsync("q=zeppelin");
        var oneJob = await IdsAsync($"jobId={older}&qcStatus=qc_failed");

        Assert.Equal(8, gallery.Count);
        Assert.All(gallery, id => Assert.Contains("-g0000-", id));
        Assert.True(gallery.FindIndex(id => id.StartsWith(newer)) < gallery.FindIndex(id => id.StartsWith(older)), "newest first");
        Assert.Equal(8, review.Count);
        Assert.All(review, id => Assert.Contains("-g0001-", id));
        Assert.Equal(8, search.Count);
        Assert.Empty(nothing);
        Assert.Equal(4, oneJob.Count);
        Assert.All(oneJob, id => Assert.StartsWith(older, id));
    }

    [Fact]
    public async Task Approve_MovesAFailedImageToTheGallery_AndUpdatesTheJobCounts_RejectMovesItBack()
    {
        var jobId = await RunJobWithBlankGenerationAsync();
        var failedId = $"{jobId}-g0001-i02";

        using var approved = await factory.Http.PostAsync($"api/images/{failedId}/approve", null);
        var afterApprove = await factory.Client.GetJobAsync(jobId);
        var galleryAfterApprove = await IdsAsync("");
        var reviewAfterApprove = await IdsAsync("qcStatus=qc_failed");
        using var rejected = await factory.Http.PostAsync($"api/images/{failedId}/reject", null);
        var reviewAfterReject = await IdsAsync("qcStatus=qc_failed");

        Assert.Equal(HttpStatusCode.OK, approved.StatusCode);
        Assert.Equal("approved", (await approved.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("qcStatus").GetString());
        Assert.Equal((5, 3), (afterApprove.GetProperty("approvedImages").GetInt32(), afterApprove.GetProperty("failedImages").GetInt32()));
        Assert.Contains(failedId, galleryAfterApprove);
        Assert.DoesNotContain(failedId, reviewAfterApprove);
        Assert.Equal(HttpStatusCode.OK, rejected.StatusCode);
        Assert.Contains(failedId, reviewAfterReject);
        Assert.DoesNotContain(failedId, await IdsAsync(""));
    }

    [Fact]
    public async Task DeleteImage_RemovesRecordIndexAndBlob()
    {
        var jobId = await RunJobWithBlankGenerationAsync();
        var id = $"{jobId}-g0000-i01";

        using var response = await factory.Http.DeleteAsync($"api/images/{id}");

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await factory.Http.GetAsync($"api/images/{id}")).StatusCode);
        Assert.DoesNotContain($"{jobId}/{id}.original.png", await StoredJob.BlobNamesAsync(factory.Blobs, jobId));
        Assert.DoesNotContain(id, await IdsAsync(""));
        Assert.Equal(7, (await factory.Client.GetJobAsync(jobId)).GetProperty("totalImages").GetInt32());
    }

    /// <summary>A user reviews a job's first images while it still runs: its closing counts are its images as they stand, not the workflow's tally.</summary>
    [Fact]
    public async Task ImagesDeletedAndRejected_WhileTheJobRuns_AreCountedAsTheyStand_WhenItEnds()
    {
        var configuration = Configurations.Job(4, aspectRatios: "1:1");
        configuration["parameters"]!["maxConcurrency"] = 1;
        var jobId = await factory.Client.StartJobAsync(configuration);
        var first = $"{jobId}-g0000-i00";
        var second = $"{jobId}-g0000-i01";
        await Eventually.TrueAsync(async () => (await factory.Http.GetAsync($"api/images/{second}")).StatusCode == HttpStatusCode.OK, TimeSpan.FromMinutes(2), "the first generation stored its images");

        using var deleted = await factory.Http.DeleteAsync($"api/images/{first}");
        using var rejected = await factory.Http.PostAsync($"api/images/{second}/reject", null);
        var job = await factory.Client.WaitForJobAsync(jobId, TimeSpan.FromMinutes(3));
        var images = await factory.Client.ListImagesAsync(jobId);

        Assert.Equal((HttpStatusCode.NoContent, HttpStatusCode.OK), (deleted.StatusCode, rejected.StatusCode));
        Assert.Equal("completed", job.GetProperty("status").GetString());
        Assert.Equal(images.Count, job.GetProperty("totalImages").GetInt32());
        Assert.Equal(images.Count(i => i.GetProperty("qcStatus").GetString() == "approved"), job.GetProperty("approvedImages").GetInt32());
        Assert.Equal(images.Count(i => i.GetProperty("qcStatus").GetString() is "qc_failed" or "retry_failed"), job.GetProperty("failedImages").GetInt32());
        Assert.Equal(15, images.Count);
    }

    [Fact]
    public async Task DeleteJob_RemovesItsImagesFromTheIndex()
    {
        var jobId = await RunJobWithBlankGenerationAsync();

        await factory.Http.DeleteAsync($"api/jobs/{jobId}");

        var rows = new List<TableEntity>();
        await foreach (var row in factory.Tables.GetTableClient("ImageIndex").QueryAsync<TableEntity>(e => e.GetString("JobId") == jobId))
        {
            rows.Add(row);
        }
        Assert.Empty(rows);
    }

    [Theory]
    [InlineData("api/images?qcStatus=bad", "qcStatus")]
    [InlineData("api/images?jobId=../x", "jobId")]
    [InlineData("api/images?limit=0", "limit")]
    public async Task List_BadQuery_Gets400(string url, string field)
    {
        using var response = await factory.Http.GetAsync(url);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty(field, out _));
    }

    private async Task<List<string>> ApprovedIdsAsync(string jobId) =>
        (await factory.Client.ListImagesAsync(jobId)).Where(i => i.GetProperty("qcStatus").GetString() == "approved").Select(i => i.GetProperty("id").GetString()!).ToList();

    /// <summary>Every page of a search, following its continuations.</summary>
    private async Task<List<List<string>>> SearchPagesAsync(string q, int limit)
    {
        var pages = new List<List<string>>();
        string? continuation = null;
        do
        {
            var page = await factory.Http.GetFromJsonAsync<JsonElement>($"api/images?limit={limit}&q={Uri.EscapeDataString(q)}{(continuation is null ? "" : "&continuation=" + Uri.EscapeDataString(continuation))}");
            pages.Add(page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()!).ToList());
            continuation = page.TryGetProperty("continuation", out var next) && next.ValueKind == JsonValueKind.String ? next.GetString() : null;
        }
        while (continuation is not null && pages.Count < 20);
        return pages;
    }

    [Fact]
    public async Task Search_ReturnsFullPagesOfRareMatches_FromPastManyNewerImages_AndForgetsDeletedJobs()
    {
        var rare = await factory.Client.StartJobAsync(Configurations.Job(2, keywords: "glacier lagoon", aspectRatios: "1:1"));
        await factory.Client.WaitForJobAsync(rare, TimeSpan.FromMinutes(3));
        var alike = await factory.Client.StartJobAsync(Configurations.Job(1, keywords: "glacier peaks", aspectRatios: "1:1"));
        await factory.Client.WaitForJobAsync(alike, TimeSpan.FromMinutes(3));
        // Forty newer images without either word: a search of one table page would find nothing.
        var common = await factory.Client.StartJobAsync(Configurations.Job(10, keywords: "amber dunes", aspectRatios: "1:1"));
        await factory.Client.WaitForJobAsync(common, TimeSpan.FromMinutes(3));
        var rareIds = await ApprovedIdsAsync(rare);
        var alikeIds = await ApprovedIdsAsync(alike);

        var oneWord = await SearchPagesAsync("GLAC", 3);
        var twoWords = await SearchPagesAsync("glacier lag", 3);
        // "stock" is in every image's prompt: alone, its key is read; beside a rarer word, only the rarer word's key.
        var everyImage = await SearchPagesAsync("stock", 5);
        var everyAndRare = await SearchPagesAsync("stock lagoon", 3);
        var gallery = await IdsAsync("");

        Assert.True(rareIds.Count >= 4, "the rare job needs more than one page of approved images");
        Assert.Equal(rareIds.Concat(alikeIds).Order(), oneWord.SelectMany(p => p).Order());
        Assert.All(oneWord.SkipLast(1), p => Assert.Equal(3, p.Count));
        Assert.Equal(oneWord.SelectMany(p => p), oneWord.SelectMany(p => p).OrderBy(id => id, StringComparer.Ordinal));
        Assert.Equal(rareIds.Order(), twoWords.SelectMany(p => p).Order());
        Assert.All(twoWords.SkipLast(1), p => Assert.Equal(3, p.Count));
        Assert.Empty(await IdsAsync("q=glacierlagoon"));
        Assert.Equal(gallery.Take(5), everyImage[0]);
        Assert.Equal(gallery.Take(25), everyImage.SelectMany(p => p).Take(25));
        Assert.Equal(rareIds.Order(), everyAndRare.SelectMany(p => p).Order());

        using var deleted = await factory.Http.DeleteAsync($"api/jobs/{rare}");
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(alikeIds.Order(), (await IdsAsync("q=glacier")).Where(id => !id.StartsWith(rare, StringComparison.Ordinal)).Order());
        Assert.DoesNotContain(await IdsAsync("q=glacier"), id => id.StartsWith(rare, StringComparison.Ordinal));
        var entries = StorageNames.SearchTables.Sum(t => factory.Tables.GetTableClient(t)
            .Query<TableEntity>(e => e.PartitionKey == "gla" && e.RowKey.CompareTo(rare) >= 0 && e.RowKey.CompareTo(rare + "~") < 0).Count());
        Assert.Equal(0, entries);
    }

    [Fact]
    public async Task Search_FindsTheImagesOfACancelledJob()
    {
        var jobId = await factory.Client.StartJobAsync(Configurations.Job(2, keywords: $"orchard blossom\n{PiApiEmulatorOptions.NeverFinishMarker}", aspectRatios: "1:1"));
        await Eventually.TrueAsync(async () => (await factory.Client.ListImagesAsync(jobId)).Count >= 4, TimeSpan.FromMinutes(2), "the first generation is stored");

        using var cancelled = await factory.Http.PostAsync($"api/jobs/{jobId}/cancel", null);

        Assert.Equal(HttpStatusCode.OK, cancelled.StatusCode);
        var found = (await IdsAsync("q=orchard")).Where(id => id.StartsWith(jobId, StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(found);
        Assert.All(found, id => Assert.Contains("-g0000-", id));
    }
}
