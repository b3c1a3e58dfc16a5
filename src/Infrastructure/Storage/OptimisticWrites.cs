using Azure;

namespace GenImageFactory.Infrastructure.Storage;

/// <summary>
/// Optimistic concurrency on tables: an attempt reads, plans and submits its writes under the ETags it read. One
/// that loses a race (someone wrote in between, or a row appeared or went) runs again from a fresh read after a
/// short random pause, which keeps the writers that collided from colliding again.
/// </summary>
internal static class OptimisticWrites
{
    public static async Task<T> RunAsync<T>(int maxRounds, Func<Task<T>> attempt, CancellationToken cancellationToken, TimeProvider? time = null)
    {
        for (var round = 1; ; round++)
        {
            try
            {
                return await attempt();
            }
            catch (RequestFailedException ex) when (IsLostRace(ex) && round < maxRounds)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(5, 10 * (round + 1))), time ?? TimeProvider.System, cancellationToken);
            }
        }
    }

    private static bool IsLostRace(RequestFailedException ex) => ex.Status is 404 or 409 or 412;
}
