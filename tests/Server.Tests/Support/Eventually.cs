namespace GenImageFactory.Server.Tests.Support;

/// <summary>Polls a condition with a deadline: synchronisation without sleeps standing in for it.</summary>
public static class Eventually
{
    public static async Task TrueAsync(Func<Task<bool>> condition, TimeSpan timeout, string because)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            try
            {
                if (await condition())
                {
                    return;
                }
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline)
            {
            }
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Within {timeout}: {because}");
            }
            await Task.Delay(100);
        }
    }
}
