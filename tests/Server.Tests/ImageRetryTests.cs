using System.Net;
using System.Text.Json;
using GenImageFactory.Emulators.PiApi;
using GenImageFactory.Server.Tests.Support;

namespace GenImageFactory.Server.Tests;

/// <summary>Its own server: these tests turn the model emulator's knobs while they run.</summary>
public sealed class ImageRetryFixture : FactoryFixture;

public class ImageRetryTests(ImageRetryFixture factory) : IClassFixture<ImageRetryFixture>
{
    private async Task<JsonElement> StartRetryAsync(object body)
    {
        using var response = await factory.Http.PostAsJsonAsync("api/images/retry", body);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private async Task<JsonElement> WaitForOperationAsync(JsonElement started)
    {
        var url = started.GetProperty("statusUrl").GetString()!;
        JsonElement operation = default;
        await Eventually.TrueAsync(async () =>
        {
            operation = await factory.Http.GetFromJsonAsync<JsonElement>(url);
            return operation.GetProperty("status").GetString() != "running";
        }, TimeSpan.FromMinutes(2), "the retry never finished");
        Assert.Equal("completed", operation.GetProperty("status").GetString());
        return operation;
    }

    private async Task<JsonElement> ImageAsync(string id) => await factory.Http.GetFromJsonAsync<JsonElement>($"api/images/{id}");

    [Fact]
    public async Task Retry_OfImagesTheCheckCouldNotJudge_PassesThroughProcessing_ToApproved_WithMetadata()
    {
        factory.OpenAiEmulator.Options.MalformedJsonRate = 1;
        var jobId = await factory.Client.StartJobAsync(Configurations.Job(1, aspectRatios: "1:1"));
        await factory.Client.WaitForJobAsync(jobId, TimeSpan.FromMinutes(3));
        factory.OpenAiEmulator.Options.MalformedJsonRate = 0;
        var ids = (await factory.Client.ListImagesAsync(jobId)).Select(i => i.GetProperty("id").GetString()!).ToList();
        foreach (var id in ids)
        {
            Assert.Equal("qc_failed", (await ImageAsync(id)).GetProperty("qcStatus").GetString());
        }

        // Slow answers keep each image in its in-between states long enough to be seen.
        factory.OpenAiEmulator.Options.ResponseDelayMs = 1500;
        var started = await StartRetryAsync(new { ids, settings = "original", regenerateMetadata = true });
        var seen = new HashSet<string>();
        await Eventually.TrueAsync(async () =>
        {
            var status = (await ImageAsync(ids[^1])).GetProperty("qcStatus").GetString()!;
            seen.Add(status);
            return status is "approved" or "retry_failed";
        }, TimeSpan.FromMinutes(2), "the last image never finished its retry");
        var operation = await WaitForOperationAsync(started);
        factory.OpenAiEmulator.Options.ResponseDelayMs = 0;

        var retried = operation.GetProperty("result").GetProperty("retried").EnumerateArray().ToList();
        Assert.Equal(ids.Order(), retried.Select(r => r.GetProperty("id").GetString()).Order());
        Assert.All(retried, r => Assert.Equal("approved", r.GetProperty("qcStatus").GetString()));
        Assert.Equal(4, operation.GetProperty("progress").GetProperty("done").GetInt32());
        Assert.True(seen.Overlaps(["retry_pending", "processing"]), $"saw only {string.Join(", ", seen)}");
        foreach (var id in ids)
        {
            var image = await ImageAsync(id);
            Assert.Equal("approved", image.GetProperty("qcStatus").GetString());
            Assert.False(string.IsNullOrWhiteSpace(image.GetProperty("metadata").GetProperty("title").GetString()));
        }
        var job = await factory.Client.GetJobAsync(jobId);
        Assert.Equal((4, 0), (job.GetProperty("approvedImages").GetInt32(), job.GetProperty("failedImages").GetInt32()));
        Assert.Contains($"Retry of image {ids[0]} with original settings, metadata regenerated: approved", await factory.Http.GetStringAsync($"api/jobs/{jobId}/logs?format=text"));
    }

    [Fact]
    public async Task Retry_OfABlankImage_EndsRetryFailed_WhileUnknownAndApprovedIdsAreRejected()
    {
        var jobId = await factory.Client.StartJobAsync(Configurations.Job(2, keywords: $"sunlit vineyard\n{PiApiEmulatorOptions.BlankMarker}", aspectRatios: "1:1"));
        await factory.Client.WaitForJobAsync(jobId, TimeSpan.FromMinutes(3));
        var blank = $"{jobId}-g0001-i00";
        var approved = $"{jobId}-g0000-i00";
        var unknown = $"{jobId}-g0099-i00";

        var operation = await WaitForOperationAsync(await StartRetryAsync(new { ids = new[] { blank, approved, unknown }, settings = new { convertTo = "jpg" } }));

        var retried = Assert.Single(operation.GetProperty("result").GetProperty("retried").EnumerateArray());
        Assert.Equal((blank, "retry_failed"), (retried.GetProperty("id").GetString(), retried.GetProperty("qcStatus").GetString()));
        var rejected = operation.GetProperty("result").GetProperty("rejected").EnumerateArray()
            .ToDictionary(r => r.GetProperty("id").GetString()!, r => r.GetProperty("reason").GetString());
        Assert.Equal("not found", rejected[unknown]);
        Assert.Equal("not a failed image (it is approved)", rejected[approved]);
        var image = await ImageAsync(blank);
        Assert.Equal("retry_failed", image.GetProperty("qcStatus").GetString());
        Assert.False(string.IsNullOrWhiteSpace(image.GetProperty("qcReason").GetString()));
        var review = await factory.Http.GetFromJsonAsync<JsonElement>("api/images?qcStatus=retry_failed&limit=100");
        Assert.Contains(blank, review.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()));
        var job = await factory.Client.GetJobAsync(jobId);
        Assert.Equal((4, 4), (job.GetProperty("approvedImages").GetInt32(), job.GetProperty("failedImages").GetInt32()));
        Assert.Contains($"Retry of image {blank} with modified processing settings (convertTo=jpg): failed again", await factory.Http.GetStringAsync($"api/jobs/{jobId}/logs?format=text"));
    }

    [Fact]
    public async Task TwoRetriesPostedAtOnce_OfTheSameImages_RetryEachImageOnce_TheOtherIsToldAnotherRetryHoldsIt()
    {
        factory.OpenAiEmulator.Options.MalformedJsonRate = 1;
        var jobId = await factory.Client.StartJobAsync(Configurations.Job(1, keywords: "stone bridge", aspectRatios: "1:1"));
        await factory.Client.WaitForJobAsync(jobId, TimeSpan.FromMinutes(3));
        factory.OpenAiEmulator.Options.MalformedJsonRate = 0;
        var ids = (await factory.Client.ListImagesAsync(jobId)).Select(i => i.GetProperty("id").GetString()!).ToList();
        // Each check takes seconds, so the first retry still holds every image when the second claims them.
        factory.OpenAiEmulator.Options.ResponseDelayMs = 6000;
        var checksBefore = factory.OpenAiEmulator.QualityCheckCalls;

        var started = await Task.WhenAll(StartRetryAsync(new { ids }), StartRetryAsync(new { ids }));
        var operations = await Task.WhenAll(started.Select(WaitForOperationAsync));
        factory.OpenAiEmulator.Options.ResponseDelayMs = 0;

        var retried = operations.SelectMany(o => o.GetProperty("result").GetProperty("retried").EnumerateArray()).Select(r => r.GetProperty("id").GetString()).ToList();
        var rejected = operations.SelectMany(o => o.GetProperty("result").GetProperty("rejected").EnumerateArray()).ToList();
        Assert.Equal(ids.Order(), retried.Order());
        Assert.Equal(ids.Order(), rejected.Select(r => r.GetProperty("id").GetString()).Order());
        Assert.All(rejected, r => Assert.Equal("another retry holds it", r.GetProperty("reason").GetString()));
        Assert.Equal(ids.Count, factory.OpenAiEmulator.QualityCheckCalls - checksBefore);
        foreach (var id in ids)
        {
            Assert.Equal("approved", (await ImageAsync(id)).GetProperty("qcStatus").GetString());
        }
    }

    [Fact]
    public async Task AHoldLeftByARetryThatEnded_IsTakenOver_ByTheNextRetry()
    {
        var jobId = await factory.Client.StartJobAsync(Configurations.Job(1, keywords: PiApiEmulatorOptions.BlankMarker, aspectRatios: "1:1"));
        await factory.Client.WaitForJobAsync(jobId, TimeSpan.FromMinutes(3));
        var id = $"{jobId}-g0000-i00";
        // As a retry that was stopped mid-way leaves it: pending, held by an operation no engine runs.
        var images = factory.Tables.GetTableClient(GenImageFactory.Infrastructure.Storage.StorageNames.ImagesTable);
        var entity = (await images.GetEntityAsync<Azure.Data.Tables.TableEntity>(jobId, id)).Value;
        entity["QcStatus"] = "retry_pending";
        entity["RetryOperation"] = "retry-2516064718409749209-283f7e01";
        await images.UpdateEntityAsync(entity, entity.ETag, Azure.Data.Tables.TableUpdateMode.Replace);

        var operation = await WaitForOperationAsync(await StartRetryAsync(new { ids = new[] { id } }));

        var retried = Assert.Single(operation.GetProperty("result").GetProperty("retried").EnumerateArray());
        Assert.Equal((id, "retry_failed"), (retried.GetProperty("id").GetString(), retried.GetProperty("qcStatus").GetString()));
        Assert.Equal("retry_failed", (await ImageAsync(id)).GetProperty("qcStatus").GetString());
    }

    public static TheoryData<string, string> BadRequests => new()
    {
        { """{"ids": []}""", "ids" },
        { $$"""{"ids": [{{string.Join(",", Enumerable.Range(0, 501).Select(i => $"\"2519999999999999999-0badf00d-g{i:D4}-i00\""))}}]}""", "ids" },
        { """{"ids": ["../../etc/passwd"]}""", "ids[0]" },
        { """{"ids": ["2519999999999999999-0badf00d-g0000-i00"], "settings": {"convertTo": "bmp"}}""", "settings.convertTo" },
        { """{"ids": ["2519999999999999999-0badf00d-g0000-i00"], "settings": {"colour": 1}}""", "settings.colour" },
        { """{"ids": ["2519999999999999999-0badf00d-g0000-i00"], "settings": 5}""", "settings" },
        { """{"ids": ["2519999999999999999-0badf00d-g0000-i00"], "regenerateMetadata": "yes"}""", "regenerateMetadata" },
    };

    [Theory]
    [MemberData(nameof(BadRequests))]
    public async Task BadRetryRequests_Are400NamingTheField(string body, string field)
    {
        using var response = await factory.Http.PostAsync("api/images/retry", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
    }
}
