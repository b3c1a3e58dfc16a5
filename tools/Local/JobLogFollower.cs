using System.Net.Http.Json;
using System.Text.Json;

namespace GenImageFactory.Local;

/// <summary>Follows a job's log as it is written: each read asks only for the lines stamped after the newest one seen.</summary>
public sealed class JobLogFollower(FactoryClient client, string jobId)
{
    private string? _newest;

    /// <summary>The lines written since the last call.</summary>
    public async Task<IReadOnlyList<JsonElement>> ReadNewAsync(CancellationToken cancellationToken = default)
    {
        var query = _newest is null ? "" : $"?after={Uri.EscapeDataString(_newest)}";
        var page = await client.Http.GetFromJsonAsync<JsonElement>($"api/jobs/{jobId}/logs{query}", cancellationToken);
        var lines = page.GetProperty("items").EnumerateArray().ToList();
        if (lines.Count > 0)
        {
            _newest = lines[^1].GetProperty("timestamp").GetString();
        }
        return lines;
    }

    /// <summary>Prints new lines every half second until cancelled.</summary>
    public async Task FollowAsync(Action<string> print, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            await PrintNewAsync(print, cancellationToken);
            await Task.Delay(500, cancellationToken);
        }
    }

    public async Task PrintNewAsync(Action<string> print, CancellationToken cancellationToken = default)
    {
        foreach (var line in await ReadNewAsync(cancellationToken))
        {
            print($"{line.GetProperty("timestamp").GetDateTime():HH:mm:ss} {line.GetProperty("level").GetString()!.ToUpperInvariant(),-7} {line.GetProperty("message").GetString()}");
        }
    }
}
