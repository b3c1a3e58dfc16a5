using Azure.Data.Tables;
using Azure.Storage.Blobs;
using GenImageFactory.Pipeline.Ports;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace GenImageFactory.Infrastructure.Storage;

/// <summary>
/// Creates the tables and containers once at start, so no request path pays for (or races on) it.
/// Retries until storage answers, so the host can start before its storage does; until then it reports
/// the host not ready. Then it looks every <see cref="ProbeInterval"/>: storage that stops answering makes the host
/// not ready again (health 503) until it answers, and tables gone meanwhile (an emulator restarted in memory) are
/// created again, the parts that keep storage of their own told first to make theirs (<see cref="IStorageEmptiedListener"/>:
/// the Server's durable task hub).
/// </summary>
public sealed class StorageInitializer(
    TableServiceClient tables, BlobServiceClient blobs, IEnumerable<IStorageEmptiedListener> emptiedListeners, ILogger<StorageInitializer> logger)
    : BackgroundService, IReadinessCheck
{
    private volatile bool _ready;
    private volatile bool _wasReady;

    public string Name => "storage";

    public bool IsReady => _ready;

    public bool WasReady => _wasReady;

    /// <summary>One listing request per interval and process: cheap, and soon enough for a load balancer's probe.</summary>
    public static readonly TimeSpan ProbeInterval = TimeSpan.FromSeconds(10);

    /// <summary>A probe that takes longer (the SDK retrying a storage that does not answer) counts as failed.</summary>
    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(20);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await StartupRetry.RunAsync(CreateAllAsync, "Storage", logger, stoppingToken);
        _ready = _wasReady = true;
        logger.StorageReady(blobs.Uri);
        using var timer = new PeriodicTimer(ProbeInterval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            var answered = await ProbeAsync(stoppingToken);
            if (answered != _ready)
            {
                _ready = answered;
                if (answered)
                {
                    logger.StorageReady(blobs.Uri);
                }
            }
        }
    }

    /// <summary>True when storage answers and holds the tables (created again here if they went).</summary>
    private async Task<bool> ProbeAsync(CancellationToken stoppingToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        timeout.CancelAfter(ProbeTimeout);
        try
        {
            var found = false;
            await foreach (var page in tables.QueryAsync(t => t.Name == StorageNames.JobsTable, maxPerPage: 1, cancellationToken: timeout.Token).AsPages())
            {
                found = page.Values.Count > 0;
                break;
            }
            if (!found)
            {
                logger.StorageEmptied();
                // Not ready until all is made again; the other parts are told first, so none goes on with what is gone
                // (their restarts retry until storage answers, so they are not under the probe's timeout).
                _ready = false;
                var restarts = emptiedListeners.Select(listener => listener.StorageEmptiedAsync(stoppingToken)).ToList();
                try
                {
                    await CreateAllAsync(timeout.Token);
                }
                finally
                {
                    await Task.WhenAll(restarts);
                }
            }
            return true;
        }
        catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
        {
            if (_ready)
            {
                logger.StorageLost(ex.Message);
            }
            return false;
        }
    }

    /// <summary>Tables created side by side: a first start creates a few hundred.</summary>
    private const int ParallelCreates = 8;

    private async ValueTask CreateAllAsync(CancellationToken cancellationToken)
    {
        // One listing instead of a create per table: a start against storage that has them all sends one request.
        var existing = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        await foreach (var table in tables.QueryAsync(cancellationToken: cancellationToken))
        {
            existing.Add(table.Name);
        }
        await Parallel.ForEachAsync(StorageNames.Tables.Where(t => !existing.Contains(t)),
            new ParallelOptions { MaxDegreeOfParallelism = ParallelCreates, CancellationToken = cancellationToken },
            async (table, ct) => await tables.CreateTableIfNotExistsAsync(table, ct));
        foreach (var container in StorageNames.Containers)
        {
            await blobs.GetBlobContainerClient(container).CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        }
    }
}
