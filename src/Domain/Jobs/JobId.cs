using System.Globalization;
using System.Security.Cryptography;
using System.Text.RegularExpressions;

namespace GenImageFactory.Domain.Jobs;

/// <summary>
/// Job ids sort newest first as strings (an inverted-time prefix) and are unique (a random suffix), so
/// listing jobs newest first is a range scan. They are also the orchestration instance ids.
/// </summary>
public static partial class JobId
{
    [GeneratedRegex(@"^[a-z0-9][a-z0-9-]{0,62}\z", RegexOptions.CultureInvariant)]
    private static partial Regex Shape();

    public static string New(DateTimeOffset now) =>
        $"{InvertedTicks(now)}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4))}";

    /// <summary>
    /// The id of the job that <paramref name="key"/> starts at <paramref name="time"/> (a schedule's slot):
    /// the same inputs give the same id in every process, so a second start of that job finds the first.
    /// </summary>
    public static string Derived(DateTimeOffset time, string key) =>
        $"{InvertedTicks(time)}-{(uint)Keywords.StableHash.Of(key):x8}";

    /// <summary>The sortable prefix of ids created at <paramref name="time"/>: later times sort first.</summary>
    public static string InvertedTicks(DateTimeOffset time) =>
        (DateTimeOffset.MaxValue.UtcTicks - time.UtcTicks).ToString("D19", CultureInfo.InvariantCulture);

    /// <summary>True for strings that can be a job id: the only ids the API lets reach storage.</summary>
    public static bool IsValid(string? id) => id is not null && Shape().IsMatch(id);
}
