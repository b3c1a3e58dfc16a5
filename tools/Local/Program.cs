using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using GenImageFactory.Local;

// Usage: run [--config <file>] [--serve] [--port <n>]
// Starts Azurite (data in .azurite/) and the Server, runs the sample job with live progress, prints the
// job and image URLs, and exits 0 only if the job completed. --serve keeps everything up until Ctrl+C.
var configPath = Path.Combine(RepositoryPaths.Root, "samples", "sample-job.json");
var serve = false;
var port = 5080;
for (var i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "run":
            break;
        case "--serve":
            serve = true;
            break;
        case "--config" when i + 1 < args.Length:
            configPath = Path.GetFullPath(args[++i]);
            break;
        case "--port" when i + 1 < args.Length:
            port = int.Parse(args[++i], System.Globalization.CultureInfo.InvariantCulture);
            break;
        default:
            Console.Error.WriteLine($"Unknown argument '{args[i]}'. Usage: run [--config <file>] [--serve] [--port <n>]");
            return 2;
    }
}

using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; stop.Cancel(); };
using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c => { c.Cancel = true; stop.Cancel(); });

var logs = Path.Combine(RepositoryPaths.Root, "artifacts", "local");
Directory.CreateDirectory(logs);
Console.WriteLine("Starting Azurite (data in .azurite/) ...");
await using var azurite = await AzuriteProcess.StartAsync(dataFolder: Path.Combine(RepositoryPaths.Root, ".azurite"), preferDefaultPorts: true);

if (!FreePorts.IsFree(port))
{
    port = FreePorts.Next();
}
Console.WriteLine($"Starting the Server on http://127.0.0.1:{port} (log: artifacts/local/server.log) ...");
await using var server = await ServerProcess.StartAsync(
    new Dictionary<string, string?> { ["ConnectionStrings__Storage"] = azurite.ConnectionString },
    port,
    Path.Combine(logs, "server.log"));

var client = new FactoryClient(new HttpClient { BaseAddress = server.BaseUrl });
var configuration = JsonNode.Parse(await File.ReadAllTextAsync(configPath))!;
var jobId = await client.StartJobAsync(configuration, stop.Token);
Console.WriteLine($"Job {jobId} started from {Path.GetRelativePath(RepositoryPaths.Root, configPath)}");

var progress = new ProgressLine(Console.Out, !Console.IsOutputRedirected);
var log = new JobLogFollower(client, jobId);
using var following = CancellationTokenSource.CreateLinkedTokenSource(stop.Token);
var follower = log.FollowAsync(progress.Print, following.Token);
var job = await client.WaitForJobAsync(jobId, TimeSpan.FromHours(2), progress.Show, stop.Token);
await following.CancelAsync();
try
{
    await follower;
}
catch (OperationCanceledException)
{
    // Stopped following: the last lines are read below.
}
await log.PrintNewAsync(progress.Print, stop.Token);
progress.Finish();

var images = await client.ListImagesAsync(jobId, stop.Token);
var status = job.GetProperty("status").GetString();
Console.WriteLine($"Job:    {server.BaseUrl}api/jobs/{jobId}");
Console.WriteLine($"Images: {server.BaseUrl}api/jobs/{jobId}/images ({images.Count} images)");
foreach (var image in images.Take(8))
{
    Console.WriteLine($"  {image.GetProperty("aspectRatio").GetString(),-5} {image.GetProperty("width").GetInt32()}x{image.GetProperty("height").GetInt32()}  {image.GetProperty("qcStatus").GetString(),-9}  {image.GetProperty("contentUrl").GetString()}");
}
if (images.Count > 8)
{
    Console.WriteLine($"  ... and {images.Count - 8} more");
}
Console.WriteLine($"Quality check: {job.GetProperty("approvedImages").GetInt32()} approved, {job.GetProperty("failedImages").GetInt32()} failed");
Console.WriteLine($"Log:    {server.BaseUrl}api/jobs/{jobId}/logs?format=text");
Console.WriteLine($"Status: {status}{(job.GetProperty("errorMessage").ValueKind == JsonValueKind.String ? " - " + job.GetProperty("errorMessage").GetString() : "")}");

if (serve && !stop.IsCancellationRequested)
{
    Console.WriteLine($"The factory keeps running at {server.BaseUrl} (API under /api). Press Ctrl+C to stop.");
    try
    {
        await Task.Delay(Timeout.Infinite, stop.Token);
    }
    catch (OperationCanceledException)
    {
    }
}
Console.WriteLine("Stopping the Server and Azurite ...");
return status == "completed" ? 0 : 1;
