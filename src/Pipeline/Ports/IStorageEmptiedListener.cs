namespace GenImageFactory.Pipeline.Ports;

/// <summary>
/// A part of the host that keeps storage of its own beside the app's tables and containers (the Server's durable task
/// hub: its queues, tables and lease blobs), told when the storage it was ready on is found emptied (an emulator
/// restarted in memory, or an account cleared), while the app's tables are made again, so that it makes its part again.
/// </summary>
public interface IStorageEmptiedListener
{
    Task StorageEmptiedAsync(CancellationToken cancellationToken);
}
