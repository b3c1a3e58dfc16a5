using System.Globalization;
using GenImageFactory.Domain.Configuration;
using GenImageFactory.Domain.Providers;

namespace GenImageFactory.Emulators.PiApi;

/// <summary>How an emulated task will end, chosen at submit.</summary>
public enum TaskFate
{
    Completes,
    Fails,
    NeverFinishes,
}

/// <summary>
/// An emulated task is wholly described by its id (creation time, shape, prompt hash, fate, model, image count and a
/// <c>-blank</c> suffix when all its images are blank), so the emulator keeps no state and a restarted Server
/// still answers for tasks submitted before.
/// </summary>
/// <param name="ShapeWidth">Midjourney: the aspect ratio's first term; width-and-height models: the width in pixels.</param>
/// <param name="ShapeHeight">The second term, or the height in pixels.</param>
public sealed record EmulatedTask(long CreatedUnixMs, int ShapeWidth, int ShapeHeight, ulong PromptHash, TaskFate Fate, PiApiModel Model, int ImageCount, bool AllBlank = false)
{
    private const string BlankSuffix = "blank";
    private const int MaxShapeTerm = 100_000;

    public string Id => string.Create(CultureInfo.InvariantCulture,
        $"{CreatedUnixMs}-{ShapeWidth}x{ShapeHeight}-{PromptHash:x16}-{(int)Fate}-{ModelNumber(Model)}-{ImageCount}{(AllBlank ? "-" + BlankSuffix : "")}");

    /// <summary>The shape of the images (pixel sizes reduce to their ratio), for rendering.</summary>
    public AspectRatio Shape => new(ShapeWidth, ShapeHeight);

    public static bool TryParse(string id, out EmulatedTask task)
    {
        task = null!;
        var parts = id.Split('-');
        if (parts.Length is not (6 or 7)
            || (parts.Length == 7 && parts[6] != BlankSuffix)
            || !long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var created)
            || parts[1].Split('x') is not [var w, var h]
            || !TryTerm(w, out var width) || !TryTerm(h, out var height)
            || !ulong.TryParse(parts[2], NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var hash)
            || !int.TryParse(parts[3], NumberStyles.None, CultureInfo.InvariantCulture, out var fate)
            || !Enum.IsDefined((TaskFate)fate)
            || !int.TryParse(parts[4], NumberStyles.None, CultureInfo.InvariantCulture, out var model) || model >= PiApiModels.All.Count
            || !int.TryParse(parts[5], NumberStyles.None, CultureInfo.InvariantCulture, out var count) || count is < 1 or > 10)
        {
            return false;
        }
        task = new EmulatedTask(created, width, height, hash, (TaskFate)fate, PiApiModels.All[model], count, parts.Length == 7);
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

    private static int ModelNumber(PiApiModel model) => PiApiModels.All.ToList().IndexOf(model);

    private static bool TryTerm(string text, out int term) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out term) && term is >= 1 and <= MaxShapeTerm;
}
