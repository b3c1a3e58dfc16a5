using Microsoft.Extensions.Caching.Memory;

namespace GenImageFactory.Api.Apis;

/// <summary>
/// The provider calls this process has passed on lately, so a task's repeated calls raise one event: Runware calls
/// once per image of a task, and each event would be a queue message and an episode of the orchestration, which needs
/// only the first (it then polls, and a task still pending goes on polled). Per process and for a while only: a
/// repeat that reaches another instance, or comes later, raises its event as before, which is harmless.
/// </summary>
public sealed class ProviderCallsSeen(IMemoryCache seen)
{
    private static readonly MemoryCacheEntryOptions Remembered = new() { AbsoluteExpirationRelativeToNow = TimeSpan.FromMinutes(10), Size = 1 };

    /// <summary>Entries kept at most (each a short key), so a flood of forged calls cannot grow the process.</summary>
    public const int MaxRemembered = 100_000;

    private readonly Lock _gate = new();

    /// <summary>
    /// True for the first call (lately) to wake <paramref name="instance"/> about <paramref name="taskId"/>, which is then
    /// remembered at once: the calls for a task's images come together.
    /// </summary>
    public bool TryBegin(string instance, string taskId)
    {
        var key = Key(instance, taskId);
        lock (_gate)
        {
            if (seen.TryGetValue(key, out _))
            {
                return false;
            }
            seen.Set(key, true, Remembered);
            return true;
        }
    }

    /// <summary>Forgets a call whose event could not be raised, so the provider's repeat of it is passed on.</summary>
    public void Forget(string instance, string taskId) => seen.Remove(Key(instance, taskId));

    private static string Key(string instance, string taskId) => $"{instance}\n{taskId}";
}
