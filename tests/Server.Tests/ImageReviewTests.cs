using System.Net;
using System.Text.Json;
using Azure.Data.Tables;
using GenImageFactory.Emulators.PiApi;
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
}
