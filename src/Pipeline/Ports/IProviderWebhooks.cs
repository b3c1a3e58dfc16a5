namespace GenImageFactory.Pipeline.Ports;

/// <summary>Providers that call this deployment back when a task ends (a webhook), so generations need not poll as often.</summary>
public interface IProviderWebhooks
{
    /// <summary>True when tasks at <paramref name="provider"/> are submitted with a call back to this deployment.</summary>
    bool IsEnabled(string provider);

    /// <summary>
    /// True when a call to wake <paramref name="instance"/> about <paramref name="taskId"/> carries what this deployment
    /// gave <paramref name="provider"/> with the task: the secret in a header (<paramref name="secret"/>, PiAPI), or a
    /// token of the instance and the task in the URL (<paramref name="token"/>, Runware, which sends no headers).
    /// Compared in constant time.
    /// </summary>
    bool IsGenuine(string provider, string? instance, string? taskId, string? secret, string? token);
}
