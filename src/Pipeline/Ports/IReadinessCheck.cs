namespace GenImageFactory.Pipeline.Ports;

/// <summary>
/// A readiness signal one part of the host reports (storage, durable worker); the health route and the
/// schedule timer wait for all of them. Here, below both, so storage can report itself from Infrastructure.
/// </summary>
public interface IReadinessCheck
{
    string Name { get; }

    bool IsReady { get; }

    /// <summary>Was ready once since the host started: not ready now means an outage, not a start.</summary>
    bool WasReady { get; }
}
