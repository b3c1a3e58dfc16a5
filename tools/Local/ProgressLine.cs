using System.Text.Json;

namespace GenImageFactory.Local;

/// <summary>
/// Job progress on one live terminal line, with the job's log lines printed above it; when output is redirected,
/// one line per change instead.
/// </summary>
public sealed class ProgressLine(TextWriter output, bool live)
{
    private const int Width = 30;
    private readonly Lock _gate = new();
    private string _last = "";

    /// <summary>Prints a line above the progress line, which is drawn again below it.</summary>
    public void Print(string line)
    {
        lock (_gate)
        {
            if (live)
            {
                output.Write($"\r{line.PadRight(Math.Max(line.Length, _last.Length))}\n{_last}");
            }
            else
            {
                output.WriteLine(line);
            }
        }
    }

    public void Show(JsonElement job)
    {
        lock (_gate)
        {
            ShowLocked(job);
        }
    }

    private void ShowLocked(JsonElement job)
    {
        var progress = job.GetProperty("progress").GetInt32();
        var filled = progress * Width / 100;
        var text = $"[{new string('#', filled)}{new string('-', Width - filled)}] {progress,3}%  " +
                   $"{job.GetProperty("status").GetString()}/{job.GetProperty("phase").GetString()}  " +
                   $"images {job.GetProperty("totalImages").GetInt32()} (approved {job.GetProperty("approvedImages").GetInt32()})  failed generations {job.GetProperty("failedGenerations").GetInt32()}";
        if (text == _last)
        {
            return;
        }
        _last = text;
        if (live)
        {
            output.Write($"\r{text.PadRight(Console.IsOutputRedirected ? 0 : Math.Max(0, Console.WindowWidth - 1))}");
        }
        else
        {
            output.WriteLine(text);
        }
    }

    public void Finish()
    {
        if (live)
        {
            output.WriteLine();
        }
    }
}
