using System.Globalization;

namespace GenImageFactory.Domain.Configuration;

/// <summary>An aspect ratio <c>W:H</c> with 1 &lt;= W, H &lt;= 100.</summary>
public readonly record struct AspectRatio(int Width, int Height)
{
    public const int MaxTerm = 100;

    public static bool TryParse(string? text, out AspectRatio ratio)
    {
        ratio = default;
        var parts = (text ?? "").Trim().Split(':');
        if (parts.Length != 2
            || !int.TryParse(parts[0].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var w)
            || !int.TryParse(parts[1].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var h)
            || w is < 1 or > MaxTerm || h is < 1 or > MaxTerm)
        {
            return false;
        }
        ratio = new AspectRatio(w, h);
        return true;
    }

    public static AspectRatio Parse(string text) =>
        TryParse(text, out var ratio) ? ratio : throw new FormatException($"'{text}' is not an aspect ratio W:H with terms 1-100.");

    public double Value => (double)Width / Height;

    /// <summary>Pixel size with the given long side, rounded to whole pixels (at least 1).</summary>
    public (int Width, int Height) SizeWithLongSide(int longSide) =>
        Width >= Height
            ? (longSide, Math.Max(1, (int)Math.Round(longSide * (double)Height / Width)))
            : (Math.Max(1, (int)Math.Round(longSide * (double)Width / Height)), longSide);

    public override string ToString() => $"{Width}:{Height}";
}
