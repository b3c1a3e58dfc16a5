namespace GenImageFactory.Infrastructure.Tests.Storage;

/// <summary>Leases lapse in minutes; a test moves time instead of waiting for it.</summary>
internal sealed class MovingClock : TimeProvider
{
    private DateTimeOffset _now = DateTimeOffset.UtcNow;

    public override DateTimeOffset GetUtcNow() => _now;

    public void Advance(TimeSpan by) => _now += by;
}
