using Azure.Data.Tables;
using Azure.Storage.Blobs;
using GenImageFactory.Pipeline.Ports;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace GenImageFactory.Infrastructure.Storage;

/// <summary>
/// Creates the tables and containers once at start, so no request path pays for (or races on) it.
/// Retries until storage answers, so the host can start before its storage does; until then it reports
/// the host not ready.
/// </summary>
public sealed class StorageInitializer(TableServiceClient tables, BlobServiceClient blobs, ILogger<StorageInitializer> logger) : BackgroundService, IReadinessCheck
{
    private volatile bool _ready;

    public string Name => "storage";

    public bool IsReady => _ready;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await StartupRetry.RunAsync(CreateAllAsync, "Storage", logger, stoppingToken);
        _ready = true;
        logger.StorageReady(blobs.Uri);
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
