using System.Globalization;
using GenImageFactory.Domain.Configuration;

namespace GenImageFactory.Emulators.PiApi;

/// <summary>How an emulated task will end, chosen at submit.</summary>
public enum TaskFate
{
    Completes,
    Fails,
    NeverFinishes,
}

/// <summary>
/// An emulated task is wholly described by its id (creation time, aspect ratio, prompt hash, fate, and a
/// <c>-blank</c> suffix when all its images are blank), so the emulator keeps no state and a restarted Server
/// still answers for tasks submitted before. Ids without the suffix are the original format and still parse.
/// </summary>
public sealed record EmulatedTask(long CreatedUnixMs, AspectRatio AspectRatio, ulong PromptHash, TaskFate Fate, bool AllBlank = false)
{
    private const string BlankSuffix = "blank";

    public string Id => string.Create(CultureInfo.InvariantCulture,
        $"{CreatedUnixMs}-{AspectRatio.Width}x{AspectRatio.Height}-{PromptHash:x16}-{(int)Fate}{(AllBlank ? "-" + BlankSuffix : "")}");

    public static bool TryParse(string id, out EmulatedTask task)
    {
        task = null!;
        var parts = id.Split('-');
        if (parts.Length is not (4 or 5)
            || (parts.Length == 5 && parts[4] != BlankSuffix)
            || !long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var created)
            || !AspectRatio.TryParse(parts[1].Replace('x', ':'), out var ratio)
            || !ulong.TryParse(parts[2], NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var hash)
            || !int.TryParse(parts[3], NumberStyles.None, CultureInfo.InvariantCulture, out var fate)
            || !Enum.IsDefined((TaskFate)fate))
        {
            return false;
        }
        task = new EmulatedTask(created, ratio, hash, (TaskFate)fate, parts.Length == 5);
        return true;
    }

    /// <summary>PiAPI's status words, in the capitalisation PiAPI uses (clients must accept any case).</summary>
    public string StatusAt(long nowUnixMs, int latencyMs)
    {
        var elapsed = nowUnixMs - CreatedUnixMs;
        if (Fate == TaskFate.NeverFinishes || elapsed < latencyMs)
        {
            return elapsed < latencyMs / 2 ? "Pending" : "Processing";
        }
        return Fate == TaskFate.Fails ? "Failed" : "Completed";
    }
}
