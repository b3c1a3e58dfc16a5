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

    private async ValueTask CreateAllAsync(CancellationToken cancellationToken)
    {
        foreach (var table in StorageNames.Tables)
        {
            await tables.CreateTableIfNotExistsAsync(table, cancellationToken);
        }
        foreach (var container in StorageNames.Containers)
        {
            await blobs.GetBlobContainerClient(container).CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        }
    }
}
