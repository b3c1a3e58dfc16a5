using System.IO.Compression;
using System.Text.Json;
using System.Text.RegularExpressions;
using GenImageFactory.Emulators.PiApi;
using GenImageFactory.Server.Tests.Support;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace GenImageFactory.Server.Tests;

/// <summary>
/// The dashboard end to end in a real headless Chromium against a running Server on Azurite: a person
/// configures, runs, watches, reviews, reruns and exports without touching the API by hand.
/// </summary>
[LongRunning(140)]
public class DashboardTests(FactoryFixture factory, Browser browser) : IClassFixture<FactoryFixture>, IClassFixture<Browser>, IAsyncLifetime
{
    private static readonly LocatorAssertionsToHaveCountOptions Slow = new() { Timeout = 120_000 };
    private IBrowserContext _context = null!;
    private IPage _page = null!;

    public async Task InitializeAsync()
    {
        (_context, _page) = await browser.NewPageAsync(new BrowserNewContextOptions { BaseURL = factory.Http.BaseAddress!.ToString(), ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
        // Generous: CI runs three other test classes at once (each with its own Server and storage account) on the same 2 cores.
        _page.SetDefaultTimeout(90_000);
        SetDefaultExpectTimeout(60_000);
    }

    public Task DisposeAsync() => _context.DisposeAsync().AsTask();

    private Task ScreenshotAsync(string name) =>
        _page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Browser.ScreenshotsFolder, $"{name}.png"), FullPage = true });

    private ILocator Field(string path) => _page.Locator($"[data-field=\"{path}\"]");

    /// <summary>Types into a gallery filter and waits for the search it starts once typing pauses (its URL holds <paramref name="inUrl"/>, or no job filter).</summary>
    private async Task FilterGalleryAsync(string label, string value, string? inUrl = null)
    {
        await _page.RunAndWaitForResponseAsync(() => _page.GetByLabel(label).FillAsync(value),
            r => r.Url.Contains("/api/images?", StringComparison.Ordinal) && (inUrl is null ? !r.Url.Contains("jobId=", StringComparison.Ordinal) : r.Url.Contains(inUrl, StringComparison.Ordinal)));
        // The grid shown until the gallery is no longer busy answers the previous filter.
        await Expect(_page.GetByRole(AriaRole.Region, new() { Name = "Gallery" })).ToHaveAttributeAsync("aria-busy", "false");
    }

    [Fact]
    public async Task Main_ShowsEveryRunningJob_AndATileWhoseImageCannotLoad_SaysSo()
    {
        var finished = await factory.Client.StartJobAsync(Configurations.Job(1, keywords: "amber dunes", aspectRatios: "1:1"));
        await factory.Client.WaitForJobAsync(finished, TimeSpan.FromMinutes(2));
        var images = await factory.Client.ListImagesAsync(finished);
        var broken = images.First(i => i.GetProperty("qcStatus").GetString() == "approved").GetProperty("id").GetString()!;
        var blobs = factory.Blobs.GetBlobContainerClient("images");
        await foreach (var blob in blobs.GetBlobsAsync(Azure.Storage.Blobs.Models.BlobTraits.None, Azure.Storage.Blobs.Models.BlobStates.None, $"{finished}/", CancellationToken.None))
        {
            if (blob.Name.Contains(broken))
            {
                await blobs.DeleteBlobAsync(blob.Name);
            }
        }
        var running = new[]
        {
            await factory.Client.StartJobAsync(Configurations.Job(1, keywords: PiApiEmulatorOptions.NeverFinishMarker, aspectRatios: "1:1")),
            await factory.Client.StartJobAsync(Configurations.Job(1, keywords: PiApiEmulatorOptions.NeverFinishMarker, aspectRatios: "1:1")),
        };
        try
        {
            await _page.GotoAsync("/#/");
            var list = _page.GetByTestId("running-jobs");
            await Expect(list.Locator("li")).ToHaveCountAsync(2, new() { Timeout = 60_000 });
            foreach (var jobId in running)
            {
                await Expect(list.Locator($"a[href=\"#/jobs/{jobId}\"]")).ToHaveCountAsync(1);
            }
            await _page.GetByLabel("Only images of job").FillAsync(finished);
            var tile = _page.Locator($"[data-image-id=\"{broken}\"]");
            await Expect(tile.GetByRole(AriaRole.Img, new() { Name = $"Image {broken} could not be loaded" })).ToBeVisibleAsync();
            await ScreenshotAsync("main-running-jobs");
        }
        finally
        {
            foreach (var jobId in running)
            {
                await factory.Http.PostAsync($"api/jobs/{jobId}/cancel", null);
            }
        }
    }

    [Fact]
    public async Task EditAndRerun_StartsAModifiedJob_AndTheEditorLoadsKeywordsAndKeepsWhatItDoesNotShow()
    {
        var original = await factory.Client.StartJobAsync(Configurations.Job(1, keywords: "amber dunes", aspectRatios: "1:1"));
        await factory.Client.WaitForJobAsync(original, TimeSpan.FromMinutes(2));

        await _page.GotoAsync($"/#/jobs/{original}");
        await Expect(_page.Locator("[data-setting=\"keywords\"]")).ToHaveTextAsync("amber dunes");
        await _page.GetByRole(AriaRole.Button, new() { Name = "Edit and rerun" }).ClickAsync();
        await _page.GetByLabel("Load keywords from a .txt or .csv file").SetInputFilesAsync(new FilePayload
        {
            Name = "keywords.csv", MimeType = "text/csv", Buffer = System.Text.Encoding.UTF8.GetBytes("keyword\nsnowy peak\n"),
        });
        await Expect(Field("keywords")).ToHaveValueAsync("keyword\nsnowy peak\n");
        await Expect(Field("keywordsFormat")).ToHaveValueAsync("csv");
        await Field("parameters.count").FillAsync("0");
        await _page.GetByRole(AriaRole.Button, new() { Name = "Start rerun" }).ClickAsync();
        await Expect(_page.Locator("[data-error-for=\"parameters.count\"]")).ToContainTextAsync("Must be");
        await Field("parameters.count").FillAsync("2");
        await Field("parameters.aspectRatios").FillAsync("16:9");
        await _page.GetByRole(AriaRole.Button, new() { Name = "Start rerun" }).ClickAsync();
        await Expect(_page).ToHaveURLAsync(new Regex("#/jobs/(?!" + original + ").+"));
        var rerunId = _page.Url.Split("#/jobs/")[1];
        var rerun = await factory.Client.WaitForJobAsync(rerunId, TimeSpan.FromMinutes(2));

        Assert.Equal(original, rerun.GetProperty("rerunOf").GetString());
        Assert.Equal(2, rerun.GetProperty("totalGenerations").GetInt32());
        Assert.Equal("csv", rerun.GetProperty("configuration").GetProperty("keywordsFormat").GetString());
        Assert.All(await factory.Client.ListImagesAsync(rerunId), i => Assert.Equal("16:9", i.GetProperty("aspectRatio").GetString()));
        Assert.Equal(1, (await factory.Client.GetJobAsync(original)).GetProperty("totalGenerations").GetInt32());

        // A saved configuration's qualities survive an edit of another field.
        var name = $"Qualities {Guid.NewGuid():N}"[..20];
        var saved = Configurations.Job(1, aspectRatios: "1:1");
        saved["name"] = name;
        saved["processing"] = new System.Text.Json.Nodes.JsonObject { ["pngQuality"] = 80, ["webpQuality"] = 70 };
        using var created = await factory.Http.PostAsJsonAsync("api/configurations", saved);
        var configurationId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();
        await _page.GotoAsync("/#/settings");
        await _page.Locator($"tr[data-configuration=\"{name}\"]").GetByRole(AriaRole.Button, new() { Name = "Edit" }).ClickAsync();
        await Expect(Field("processing.pngQuality")).ToHaveValueAsync("80");
        await Field("parameters.count").FillAsync("3");
        await _page.GetByRole(AriaRole.Button, new() { Name = "Save", Exact = true }).ClickAsync();
        await Expect(_page.Locator($"tr[data-configuration=\"{name}\"] td").Nth(1)).ToHaveTextAsync("3");
        var stored = await factory.Http.GetFromJsonAsync<JsonElement>($"api/configurations/{configurationId}");
        Assert.Equal(80, stored.GetProperty("processing").GetProperty("pngQuality").GetInt32());
        Assert.Equal(70, stored.GetProperty("processing").GetProperty("webpQuality").GetInt32());
        await ScreenshotAsync("edit-and-rerun");
    }

    [Fact]
    public async Task JobImagesAndTheGallery_PageThroughMoreThanAHundredImages()
    {
        var jobId = await factory.Client.StartJobAsync(Configurations.Job(26, keywords: "tide pool", aspectRatios: "1:1"));
        var job = await factory.Client.WaitForJobAsync(jobId, TimeSpan.FromMinutes(4));
        Assert.Equal(104, job.GetProperty("totalImages").GetInt32());

        await _page.GotoAsync($"/#/jobs/{jobId}");
        await _page.GetByRole(AriaRole.Tab, new() { Name = "All" }).ClickAsync();
        var cards = _page.GetByTestId("image-grid").GetByTestId("image-card");
        await Expect(cards).ToHaveCountAsync(100);
        await _page.GetByRole(AriaRole.Button, new() { Name = "Load more (100 shown)" }).ClickAsync();
        await Expect(cards).ToHaveCountAsync(104);
        await Expect(_page.GetByTestId("load-more")).ToBeHiddenAsync();

        await _page.GotoAsync("/#/");
        await FilterGalleryAsync("Only images of job", jobId, $"jobId={jobId}");
        var gallery = _page.Locator($"[data-testid=gallery] [data-image-id^=\"{jobId}\"]");
        await Expect(gallery).ToHaveCountAsync(60);
        await _page.GetByRole(AriaRole.Button, new() { Name = "Load more (60 shown)" }).ClickAsync();
        await Expect(gallery).ToHaveCountAsync(job.GetProperty("approvedImages").GetInt32());

        // Search reaches past the first page of the whole store.
        await FilterGalleryAsync("Only images of job", "");
        await FilterGalleryAsync("Search the gallery", "TIDE po", "q=TIDE+po");
        var found = _page.Locator("[data-testid=gallery] [data-image-id]");
        await Expect(found).ToHaveCountAsync(60);
        await _page.GetByRole(AriaRole.Button, new() { Name = "Load more (60 shown)" }).ClickAsync();
        await Expect(found).ToHaveCountAsync(job.GetProperty("approvedImages").GetInt32());
        await Expect(_page.Locator($"[data-testid=gallery] [data-image-id]:not([data-image-id^=\"{jobId}\"])")).ToHaveCountAsync(0);

        // Review selects every image of a tab, past the page shown, up to the retry's 500.
        var approvedInStore = 0;
        string? continuation = null;
        do
        {
            var page = await factory.Http.GetFromJsonAsync<JsonElement>($"api/images?qcStatus=approved&limit=100{(continuation is null ? "" : "&continuation=" + Uri.EscapeDataString(continuation))}");
            approvedInStore += page.GetProperty("items").GetArrayLength();
            continuation = page.TryGetProperty("continuation", out var next) && next.ValueKind == JsonValueKind.String ? next.GetString() : null;
        }
        while (continuation is not null);
        await _page.GotoAsync("/#/review");
        await _page.GetByRole(AriaRole.Tab, new() { Name = "Approved" }).ClickAsync();
        var boxes = _page.Locator("[data-testid=review-grid] figure input[type=checkbox]");
        await Expect(boxes).ToHaveCountAsync(100);
        await _page.GetByTestId("select-every").ClickAsync();
        await Expect(_page.GetByTestId("selected-count")).ToHaveTextAsync($"{Math.Min(approvedInStore, 500)} selected");
        await Expect(_page.Locator("[data-testid=review-grid] figure input[type=checkbox]:checked")).ToHaveCountAsync(100);
        await ScreenshotAsync("review-select-every");
        await _page.GetByRole(AriaRole.Button, new() { Name = "Load more (100 shown)" }).ClickAsync();
        await Expect(_page.Locator("[data-testid=review-grid] figure input[type=checkbox]:not(:checked)")).ToHaveCountAsync(0);
        await boxes.First.UncheckAsync();
        await Expect(_page.GetByTestId("selected-count")).ToHaveTextAsync($"{Math.Min(approvedInStore, 500) - 1} selected");
    }

    [Fact]
    public async Task EveryPage_HasNoSeriousOrCriticalAccessibilityViolation()
    {
        var jobId = await factory.Client.StartJobAsync(Configurations.Job(1, keywords: $"harbour lights\n{PiApiEmulatorOptions.BlankMarker}", aspectRatios: "1:1"));
        await factory.Client.WaitForJobAsync(jobId, TimeSpan.FromMinutes(2));
        // One image that cannot load, so its placeholder tile is checked too.
        var broken = (await factory.Client.ListImagesAsync(jobId)).First().GetProperty("id").GetString()!;
        await _page.RouteAsync($"**/api/images/{broken}/content*", route => route.FulfillAsync(new() { Status = 404 }));
        var pages = new (string Url, string[] Ready)[]
        {
            ("/#/", ["[data-testid=gallery]"]),
            ("/#/jobs", ["table"]),
            ($"/#/jobs/{jobId}", ["[data-testid=settings-overview]", $"[data-image-id=\"{broken}\"] .image-unavailable"]),
            ("/#/review", ["[role=tablist]"]),
            ("/#/settings", ["[data-testid=providers]"]),
        };
        var problems = new List<string>();
        foreach (var (url, ready) in pages)
        {
            await _page.GotoAsync(url);
            foreach (var selector in ready)
            {
                await Expect(_page.Locator(selector).First).ToBeVisibleAsync();
            }
            var result = await _page.RunAxe();
            problems.AddRange(result.Violations
                .Where(v => v.Impact is "serious" or "critical")
                .Select(v => $"{url}: {v.Id} ({v.Impact}) {v.Help} at {string.Join(", ", v.Nodes.Take(3).Select(n => n.Target?.ToString()))}"));
        }
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    /// <summary>Presses Tab until <paramref name="target"/> has the focus: it is reachable in the tab order, not only by a click.</summary>
    private async Task TabToAsync(ILocator target, int maxPresses = 150, string key = "Tab")
    {
        var handle = await target.ElementHandleAsync();
        for (var i = 0; i < maxPresses; i++)
        {
            await _page.Keyboard.PressAsync(key);
            if (await handle.EvaluateAsync<bool>("e => e === document.activeElement"))
            {
                return;
            }
        }
        Assert.Fail($"{target} was not reached with {maxPresses} presses of {key}.");
    }

    [Fact]
    public async Task TheMainFlows_WorkWithTheKeyboardAlone()
    {
        var jobId = await factory.Client.StartJobAsync(Configurations.Job(2, keywords: $"paper lanterns\n{PiApiEmulatorOptions.BlankMarker}", aspectRatios: "1:1"));
        await factory.Client.WaitForJobAsync(jobId, TimeSpan.FromMinutes(2));

        // The skip link leads into the page without leaving it.
        await _page.GotoAsync("/#/review");
        await Expect(_page.Locator("main")).ToBeFocusedAsync();
        await TabToAsync(_page.GetByRole(AriaRole.Link, new() { Name = "Skip to content" }), key: "Shift+Tab");
        await _page.Keyboard.PressAsync("Enter");
        await Expect(_page.Locator("main")).ToBeFocusedAsync();
        await Expect(_page).ToHaveURLAsync(new Regex("#/review$"));

        // Review: approve a failed image with Enter.
        var failed = _page.Locator($"[data-testid=review-grid] [data-image-id^=\"{jobId}\"]");
        await Expect(failed).Not.ToHaveCountAsync(0, Slow);
        var before = await failed.CountAsync();
        await TabToAsync(failed.First.GetByRole(AriaRole.Button, new() { Name = "Approve" }));
        await _page.Keyboard.PressAsync("Enter");
        await Expect(failed).ToHaveCountAsync(before - 1);

        // Gallery: filter by job, open an image with Enter, close it with Escape; focus comes back to the tile.
        await _page.GotoAsync("/#/");
        await TabToAsync(_page.GetByLabel("Only images of job"));
        await _page.RunAndWaitForResponseAsync(() => _page.Keyboard.TypeAsync(jobId), r => r.Url.Contains($"jobId={jobId}", StringComparison.Ordinal));
        await Expect(_page.GetByLabel("Only images of job")).ToHaveValueAsync(jobId);
        var open = _page.Locator($"[data-testid=gallery] [data-image-id^=\"{jobId}\"] button.thumb").First;
        await Expect(open).ToBeVisibleAsync(new() { Timeout = 120_000 });
        await TabToAsync(open);
        await _page.Keyboard.PressAsync("Enter");
        await Expect(_page.Locator("dialog.modal")).ToBeVisibleAsync();
        await _page.Keyboard.PressAsync("Escape");
        await Expect(_page.Locator("dialog.modal")).ToHaveCountAsync(0);
        await Expect(open).ToBeFocusedAsync();

        // Job page of a running job: the focus stays on Cancel while the page polls; Enter cancels.
        var running = await factory.Client.StartJobAsync(Configurations.Job(1, keywords: PiApiEmulatorOptions.NeverFinishMarker, aspectRatios: "1:1"));
        await Eventually.TrueAsync(async () => (await factory.Client.GetJobAsync(running)).GetProperty("status").GetString() == "running", TimeSpan.FromMinutes(1), "the job runs");
        await _page.GotoAsync($"/#/jobs/{running}");
        var cancel = _page.GetByRole(AriaRole.Button, new() { Name = "Cancel", Exact = true });
        await TabToAsync(cancel);
        for (var polls = 0; polls < 2; polls++)
        {
            await _page.WaitForResponseAsync(r => r.Url.EndsWith($"/api/jobs/{running}", StringComparison.Ordinal), new() { Timeout = 60_000 });
        }
        await Expect(cancel).ToBeFocusedAsync();
        await _page.Keyboard.PressAsync("Enter");
        await Expect(_page.GetByTestId("job-summary")).ToContainTextAsync("cancelled");

        // Job page: rerun with Enter.
        await _page.GotoAsync($"/#/jobs/{jobId}");
        await TabToAsync(_page.GetByRole(AriaRole.Button, new() { Name = "Rerun", Exact = true }));
        await _page.Keyboard.PressAsync("Enter");
        await Expect(_page).ToHaveURLAsync(new Regex($"#/jobs/(?!{jobId}$).+"));
        await factory.Client.WaitForJobAsync(_page.Url.Split("#/jobs/")[1], TimeSpan.FromMinutes(2));
    }

    [Fact]
    public async Task APerson_ConfiguresRunsReviewsRerunsAndExports_FromTheBrowser()
    {
        var name = $"Vineyards {Guid.NewGuid():N}"[..20];

        // Settings: a bad configuration shows the API's message at its field; fixed, it saves.
        await _page.GotoAsync("/#/settings");
        await _page.GetByRole(AriaRole.Button, new() { Name = "New configuration" }).ClickAsync();
        await Field("name").FillAsync(name);
        await Field("keywords").FillAsync($"sunlit vineyard\n{PiApiEmulatorOptions.BlankMarker}");
        await Field("parameters.aspectRatios").FillAsync("1:1");
        await Field("parameters.count").FillAsync("0");
        await Field("parameters.pollingIntervalSeconds").FillAsync("1");
        await Field("parameters.pollingTimeoutMinutes").FillAsync("2");
        await Field("parameters.generationRetryAttempts").FillAsync("0");
        await _page.GetByRole(AriaRole.Button, new() { Name = "Save", Exact = true }).ClickAsync();
        await Expect(_page.Locator("[data-error-for=\"parameters.count\"]")).ToContainTextAsync("Must be");
        await Expect(Field("parameters.count")).ToHaveAttributeAsync("aria-invalid", "true");
        await ScreenshotAsync("settings-validation");
        await Field("parameters.count").FillAsync("2");
        await _page.GetByRole(AriaRole.Button, new() { Name = "Save", Exact = true }).ClickAsync();
        var row = _page.Locator($"tr[data-configuration=\"{name}\"]");
        await Expect(row).ToHaveCountAsync(1);
        await Expect(_page.Locator("[data-error-for]")).ToHaveCountAsync(0);
        await Expect(_page.GetByTestId("providers")).ToContainTextAsync("piapi");
        await ScreenshotAsync("settings");

        // Run it and watch the job page reach 100%.
        await row.GetByRole(AriaRole.Button, new() { Name = "Run" }).ClickAsync();
        await Expect(_page).ToHaveURLAsync(new Regex("#/jobs/.+"));
        var jobId = _page.Url.Split("#/jobs/")[1];
        await Expect(_page.GetByRole(AriaRole.Progressbar, new() { Name = "Job progress" })).ToHaveAttributeAsync("aria-valuenow", "100", new() { Timeout = 120_000 });
        await Expect(_page.GetByTestId("counts")).ToContainTextAsync("8 · 4 approved · 4 failed");
        await Expect(_page.GetByTestId("log")).ToContainTextAsync("Job completed");
        await ScreenshotAsync("job");

        // Main: the job's approved images are in the gallery.
        await _page.GotoAsync("/#/");
        await _page.GetByLabel("Only images of job").FillAsync(jobId);
        await _page.GetByLabel("Only images of job").PressAsync("Enter");
        await Expect(_page.GetByTestId("gallery").GetByTestId("image-card")).ToHaveCountAsync(4, Slow);
        await Expect(_page.GetByTestId("stat-jobs")).Not.ToContainTextAsync("0");
        await ScreenshotAsync("main");

        // Review: the blank images failed QC; approving one moves it to the gallery.
        await _page.GotoAsync("/#/review");
        var failed = _page.Locator($"[data-testid=review-grid] [data-image-id^=\"{jobId}\"]");
        await Expect(failed).ToHaveCountAsync(4, Slow);
        await ScreenshotAsync("review");
        var approvedId = await failed.First.GetAttributeAsync("data-image-id");
        await failed.First.GetByRole(AriaRole.Button, new() { Name = "Approve" }).ClickAsync();
        await Expect(failed).ToHaveCountAsync(3);
        await _page.GetByLabel("Select all shown").CheckAsync();
        var boxes = _page.Locator("[data-testid=review-grid] figure input[type=checkbox]");
        await Expect(_page.Locator("[data-testid=review-grid] figure input[type=checkbox]:checked")).ToHaveCountAsync(await boxes.CountAsync());
        await _page.GetByRole(AriaRole.Tab, new() { Name = "Approved" }).ClickAsync();
        await Expect(_page.Locator($"[data-testid=review-grid] [data-image-id=\"{approvedId}\"]").GetByRole(AriaRole.Button, new() { Name = "Reject" })).ToHaveCountAsync(1);
        await Expect(_page.Locator("[data-testid=retry-settings] [data-field=\"settings.webpQuality\"]")).ToHaveCountAsync(1);
        await _page.GotoAsync("/#/");
        await _page.GetByLabel("Only images of job").FillAsync(jobId);
        await _page.GetByLabel("Only images of job").PressAsync("Enter");
        await Expect(_page.Locator($"[data-testid=gallery] [data-image-id=\"{approvedId}\"]")).ToHaveCountAsync(1, Slow);

        // Export the gallery ZIP: the job's five approved images and the metadata sheet.
        var download = await _page.RunAndWaitForDownloadAsync(() => _page.GetByRole(AriaRole.Link, new() { Name = "Export ZIP" }).ClickAsync());
        var zipPath = Path.Combine(Path.GetTempPath(), $"gallery-{Guid.NewGuid():N}.zip");
        await download.SaveAsAsync(zipPath);
        using (var zip = ZipFile.OpenRead(zipPath))
        {
            Assert.Equal(5, zip.Entries.Count(e => e.FullName.StartsWith($"images/{jobId}", StringComparison.Ordinal)));
            Assert.Contains(zip.Entries, e => e.FullName == "metadata.xlsx");
        }
        File.Delete(zipPath);

        // Rerun from the job page: a new row appears; the original stays as it was.
        var before = await factory.Http.GetStringAsync($"api/jobs/{jobId}");
        await _page.GotoAsync($"/#/jobs/{jobId}");
        await _page.GetByRole(AriaRole.Button, new() { Name = "Rerun", Exact = true }).ClickAsync();
        await Expect(_page).ToHaveURLAsync(new Regex($"#/jobs/(?!{jobId}$).+"));
        var rerunId = _page.Url.Split("#/jobs/")[1];
        await _page.GotoAsync("/#/jobs");
        await Expect(_page.Locator($"tr[data-job-id=\"{rerunId}\"]")).ToHaveCountAsync(1);
        await Expect(_page.Locator($"tr[data-job-id=\"{jobId}\"]")).ToContainTextAsync("completed");
        await ScreenshotAsync("jobs");
        var rerun = await factory.Client.WaitForJobAsync(rerunId, TimeSpan.FromMinutes(2));
        Assert.Equal(jobId, rerun.GetProperty("rerunOf").GetString());
        var original = JsonDocument.Parse(before).RootElement;
        var after = await factory.Client.GetJobAsync(jobId);
        Assert.Equal(original.GetProperty("label").GetString(), after.GetProperty("label").GetString());
        Assert.Equal(original.GetProperty("completedAt").GetString(), after.GetProperty("completedAt").GetString());
        Assert.Equal(5, after.GetProperty("approvedImages").GetInt32());
    }
}
