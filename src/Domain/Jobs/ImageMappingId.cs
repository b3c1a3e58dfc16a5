using System.Globalization;
using System.Text.RegularExpressions;

namespace GenImageFactory.Domain.Jobs;

/// <summary>
/// The id of one image: derived from job id, generation index and image index, never random, so a
/// replayed or retried step rewrites the same record and blob. Zero-padded so ids sort in generation order.
/// </summary>
public static partial class ImageMappingId
{
    [GeneratedRegex(@"^(?<job>[a-z0-9][a-z0-9-]{0,62})-g(?<g>[0-9]{4,5})-i(?<i>[0-9]{2})\z", RegexOptions.CultureInvariant)]
    private static partial Regex Shape();

    public static string For(string jobId, int generationIndex, int imageIndex)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(generationIndex);
        ArgumentOutOfRangeException.ThrowIfNegative(imageIndex);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(imageIndex, 99);
        return string.Create(CultureInfo.InvariantCulture, $"{jobId}-g{generationIndex:D4}-i{imageIndex:D2}");
    }

    /// <summary>Splits a mapping id; false for anything that is not exactly one.</summary>
    public static bool TryParse(string? id, out string jobId, out int generationIndex, out int imageIndex)
    {
        jobId = "";
        generationIndex = imageIndex = 0;
        var match = id is null ? Match.Empty : Shape().Match(id);
        if (!match.Success)
        {
            return false;
        }
        jobId = match.Groups["job"].Value;
        generationIndex = int.Parse(match.Groups["g"].Value, CultureInfo.InvariantCulture);
        imageIndex = int.Parse(match.Groups["i"].Value, CultureInfo.InvariantCulture);
        return true;
    }

    /// <summary>The job of a mapping id already known to be valid.</summary>
    public static string JobIdOf(string id) =>
        TryParse(id, out var jobId, out _, out _) ? jobId : throw new FormatException($"'{id}' is not an image id.");
}
