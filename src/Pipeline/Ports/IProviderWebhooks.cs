namespace GenImageFactory.Pipeline.Ports;

/// <summary>Providers that call this deployment back when a task ends (a webhook), so generations need not poll as often.</summary>
public interface IProviderWebhooks
{
    /// <summary>True when tasks at <paramref name="provider"/> are submitted with a call back to this deployment.</summary>
    bool IsEnabled(string provider);

    /// <summary>True when <paramref name="secret"/> is the one this deployment gave <paramref name="provider"/> (compared in constant time).</summary>
    bool IsGenuine(string provider, string? secret);
}
