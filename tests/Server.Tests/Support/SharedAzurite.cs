using GenImageFactory.Local;

namespace GenImageFactory.Server.Tests.Support;

/// <summary>One storage account of an Azurite process, all the test's own: its tables, queues and blobs.</summary>
public sealed class AzuriteAccount(AzuriteProcess azurite, string name)
{
    public string Name { get; } = name;
    public string ConnectionString { get; } = azurite.ConnectionStringFor(name);
    public int TablePort => azurite.TablePort;
}

/// <summary>
/// The Azurite processes the test classes share: instead of an Azurite per class (seconds of start-up each, on a
/// loaded machine), each class gets a storage account of its own in one of a few processes. The app's tables,
/// queues and containers have fixed names, so an account (not just a task hub) is what keeps classes apart; an
/// account is never handed out twice. Classes are spread over up to <see cref="Lanes"/> processes so no single
/// Node event loop serves every class that runs at once. A process stops as soon as no class uses it (the test
/// host can end without running exit handlers, so nothing may wait for the end of the run).
/// </summary>
public static class SharedAzurite
{
    private const int Lanes = 2;
    private const int AccountsPerProcess = 40;

    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static readonly Lane?[] Current = new Lane?[Lanes];

    /// <summary>A fresh account; dispose the lease when the class is done with it.</summary>
    public static async Task<Lease> LeaseAsync()
    {
        await Gate.WaitAsync();
        try
        {
            // The process serving the fewest classes right now, or a new one where a lane has none or ran out of accounts.
            var index = Enumerable.Range(0, Lanes).MinBy(i => Current[i] is { } l && l.Handed < AccountsPerProcess ? l.InUse : -1);
            if (Current[index] is not { } lane || lane.Handed == AccountsPerProcess)
            {
                var names = Enumerable.Range(1, AccountsPerProcess).Select(i => $"test{i:D2}").ToList();
                lane = Current[index] = new Lane(await AzuriteProcess.StartAsync(accounts: names), names);
            }
            lane.Handed++;
            lane.InUse++;
            return new Lease(lane, new AzuriteAccount(lane.Azurite, lane.Names[lane.Handed - 1]));
        }
        finally
        {
            Gate.Release();
        }
    }

    private static async Task ReturnAsync(Lane lane)
    {
        await Gate.WaitAsync();
        try
        {
            if (--lane.InUse > 0)
            {
                return;
            }
            var index = Array.IndexOf(Current, lane);
            if (index >= 0)
            {
                Current[index] = null;
            }
        }
        finally
        {
            Gate.Release();
        }
        await lane.Azurite.DisposeAsync();
    }

    internal sealed class Lane(AzuriteProcess azurite, IReadOnlyList<string> names)
    {
        public AzuriteProcess Azurite { get; } = azurite;
        public IReadOnlyList<string> Names { get; } = names;
        public int Handed { get; set; }
        public int InUse { get; set; }
    }

    public sealed class Lease : IAsyncDisposable
    {
        private readonly Lane _lane;
        private int _returned;

        internal Lease(Lane lane, AzuriteAccount account) => (_lane, Account) = (lane, account);

        public AzuriteAccount Account { get; }

        public async ValueTask DisposeAsync()
        {
            if (Interlocked.Exchange(ref _returned, 1) == 0)
            {
                await ReturnAsync(_lane);
            }
        }
    }
}
