using System.Collections.Concurrent;
using System.Diagnostics;

namespace GenImageFactory.Local;

/// <summary>A child process whose output is kept (last lines) for diagnostics, and that is always stopped.</summary>
public sealed class ChildProcess : IAsyncDisposable
{
    private const int KeptLines = 400;
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();
    private readonly StreamWriter? _log;
    private bool _disposed;

    private ChildProcess(Process process, string? logFile)
    {
        _process = process;
        _log = logFile is null ? null : new StreamWriter(logFile, append: true) { AutoFlush = true };
        process.OutputDataReceived += (_, e) => Keep(e.Data);
        process.ErrorDataReceived += (_, e) => Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    public string RecentOutput => string.Join(Environment.NewLine, _output);

    public static ChildProcess Start(string fileName, IEnumerable<string> arguments, IDictionary<string, string?>? environment = null, string? logFile = null)
    {
        var info = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = RepositoryPaths.Root,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }
        foreach (var (key, value) in environment ?? new Dictionary<string, string?>())
        {
            info.Environment[key] = value;
        }
        return new ChildProcess(Process.Start(info) ?? throw new InvalidOperationException($"Could not start {fileName}."), logFile);
    }

    /// <summary>SIGKILL: the process gets no chance to clean up (a crash).</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }
        await _process.WaitForExitAsync();
    }

    /// <summary>SIGTERM, then SIGKILL if it has not exited within the grace period.</summary>
    public async Task StopAsync(TimeSpan grace)
    {
        if (_process.HasExited)
        {
            return;
        }
        try
        {
            Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])?.WaitForExit();
            using var cts = new CancellationTokenSource(grace);
            await _process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            // Azurite sometimes ignores SIGTERM for many seconds.
        }
        await KillAsync();
    }

    /// <summary>CPU time the process has used so far (user and kernel).</summary>
    public TimeSpan ProcessorTime
    {
        get
        {
            _process.Refresh();
            return _process.TotalProcessorTime;
        }
    }

    /// <summary>Peak resident set size (VmHWM) of the process, in bytes; 0 where /proc is not there.</summary>
    public long PeakWorkingSetBytes()
    {
        var status = $"/proc/{_process.Id}/status";
        if (!File.Exists(status))
        {
            return 0;
        }
        var line = File.ReadLines(status).FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        var kb = line?.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1];
        return kb is null ? 0 : long.Parse(kb, System.Globalization.CultureInfo.InvariantCulture) * 1024;
    }

    /// <summary>Stops the process (gracefully, then by force) and releases it; safe to call twice.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }
        _disposed = true;
        await StopAsync(TimeSpan.FromSeconds(5));
        _process.Dispose();
        _log?.Dispose();
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }
        _log?.WriteLine(line);
        _output.Enqueue(line);
        while (_output.Count > KeptLines && _output.TryDequeue(out _))
        {
        }
    }
}
