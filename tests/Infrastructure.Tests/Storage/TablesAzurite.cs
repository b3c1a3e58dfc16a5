using Azure.Data.Tables;
using GenImageFactory.Local;

namespace GenImageFactory.Infrastructure.Tests.Storage;

/// <summary>One Azurite for a test class, with the tables its store needs; each test keeps to its own partitions.</summary>
public abstract class TablesAzurite(params string[] tables) : IAsyncLifetime
{
    public AzuriteProcess Azurite { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Azurite = await AzuriteProcess.StartAsync();
        var service = new TableServiceClient(Azurite.ConnectionString);
        foreach (var table in tables)
        {
            await service.CreateTableIfNotExistsAsync(table);
        }
    }

    public async Task DisposeAsync() => await Azurite.DisposeAsync();
}
