using System.Net;
using System.Net.Sockets;

namespace GenImageFactory.Local;

public static class FreePorts
{
    /// <summary>Below Linux's ephemeral range (32768-60999), where the OS also finds the local ports of outgoing connections.</summary>
    private const int RangeStart = 20_000;
    private const int RangeEnd = 32_768;

    /// <summary>
    /// A loopback port nobody listens on right now, chosen at random below the OS's ephemeral range: a port the OS
    /// picked there could be taken by an outgoing connection's local end before its listener binds it, or while a
    /// crashed Server is restarted on it (a test saw "address already in use" so).
    /// </summary>
    public static int Next()
    {
        for (var attempt = 0; attempt < 50; attempt++)
        {
            var port = Random.Shared.Next(RangeStart, RangeEnd);
            if (IsFree(port))
            {
                return port;
            }
        }
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    /// <summary>Polls until something accepts connections on the port, or the deadline passes.</summary>
    public static async Task WaitForListenerAsync(int port, TimeSpan timeout, Func<bool>? stillRunning = null)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (stillRunning is not null && !stillRunning())
            {
                throw new InvalidOperationException($"The process meant to listen on port {port} exited.");
            }
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(100);
            }
        }
        throw new TimeoutException($"Nothing listened on port {port} within {timeout}.");
    }
}
