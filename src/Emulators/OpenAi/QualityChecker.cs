using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using GenImageFactory.Domain.Configuration;
using SkiaSharp;

namespace GenImageFactory.Emulators.OpenAi;

/// <summary>
/// Answers <c>quality_check</c> by looking at the actual pixels and prompt, so the pipeline's QC path is exercised
/// by real defects: a blank image, a wrong aspect ratio, or a prompt that asks for text, logos or watermarks.
/// </summary>
internal static partial class QualityChecker
{
    /// <summary>Below this luminance standard deviation (0-255 scale) an image counts as blank.</summary>
    public const double BlankSpread = 8;

    /// <summary>Largest relative difference between actual and requested aspect ratio that passes.</summary>
    public const double RatioTolerance = 0.02;

    private const int SampleGrid = 48;

    private static readonly HashSet<string> Negations = new(StringComparer.OrdinalIgnoreCase) { "no", "without" };
    private static readonly HashSet<string> ListJoiners = new(StringComparer.OrdinalIgnoreCase) { "or", "and", "nor" };

    public static JsonObject Reply(SKBitmap image, string prompt, AspectRatio? requested)
    {
        var (passed, reason) = Judge(image, prompt, requested);
        return new JsonObject { ["passed"] = passed, ["reason"] = reason };
    }

    private static (bool Passed, string Reason) Judge(SKBitmap image, string prompt, AspectRatio? requested)
    {
        var spread = LuminanceSpread(image);
        if (spread < BlankSpread)
        {
            return (false, Invariant($"The image is blank or nearly uniform (luminance spread {spread:0.0})."));
        }
        if (requested is { } ratio && !RatioMatches(image.Width, image.Height, ratio))
        {
            return (false, Invariant(
                $"The image is {image.Width}x{image.Height} (aspect ratio {(double)image.Width / image.Height:0.###}), but {ratio} ({ratio.Value:0.###}) was requested."));
        }
        if (RequestedTextWord(prompt) is { } word)
        {
            return (false, $"The prompt asks for \"{word}\": the image is likely to contain text, a logo or a watermark, which stock images must not.");
        }
        return (true, "No problems found: clear subject, no text, logos or watermarks.");
    }

    /// <summary>Standard deviation of luminance over an evenly spaced grid of pixels.</summary>
    private static double LuminanceSpread(SKBitmap image)
    {
        // Read as RGBA bytes in one span: a native call per sampled pixel cost more than the rest of the check.
        using var converted = image.ColorType == SKColorType.Rgba8888 ? null : image.Copy(SKColorType.Rgba8888);
        var rgba = converted ?? image;
        var pixels = rgba.GetPixelSpan();
        double sum = 0, sumOfSquares = 0;
        var columns = Math.Min(SampleGrid, rgba.Width);
        var rows = Math.Min(SampleGrid, rgba.Height);
        for (var row = 0; row < rows; row++)
        {
            for (var column = 0; column < columns; column++)
            {
                var at = (int)((row + 0.5) * rgba.Height / rows) * rgba.RowBytes + (int)((column + 0.5) * rgba.Width / columns) * 4;
                var luminance = 0.2126 * pixels[at] + 0.7152 * pixels[at + 1] + 0.0722 * pixels[at + 2];
                sum += luminance;
                sumOfSquares += luminance * luminance;
            }
        }
        var count = (double)columns * rows;
        var mean = sum / count;
        return Math.Sqrt(Math.Max(0, sumOfSquares / count - mean * mean));
    }

    /// <summary>
    /// Within the relative tolerance, or explainable by rounding each side to whole pixels (which at extreme
    /// ratios such as 1:100 alone exceeds 2%, and which no reviewer would call a wrong ratio).
    /// </summary>
    private static bool RatioMatches(int width, int height, AspectRatio requested)
    {
        var actual = (double)width / height;
        if (Math.Abs(actual - requested.Value) / requested.Value <= RatioTolerance)
        {
            return true;
        }
        return (width - 0.5) / (height + 0.5) <= requested.Value && requested.Value <= (width + 0.5) / Math.Max(0.5, height - 0.5);
    }

    /// <summary>
    /// The first word asking for text that is not negated. "no" or "without" negates the word right after it and
    /// the rest of a list of such words, so "no text, logos or watermarks" asks for none of them.
    /// </summary>
    private static string? RequestedTextWord(string prompt)
    {
        var negated = false;
        var previousWord = "";
        foreach (Match token in Token().Matches(prompt))
        {
            var value = token.Value;
            if (!char.IsLetterOrDigit(value[0]))
            {
                if (value is not ("," or "/" or "&"))
                {
                    negated = false;
                }
                continue;
            }
            if (TextWord().IsMatch(value))
            {
                negated = negated || Negations.Contains(previousWord);
                if (!negated)
                {
                    return value.ToLowerInvariant();
                }
            }
            else if (!ListJoiners.Contains(value) && !Negations.Contains(value))
            {
                negated = false;
            }
            previousWord = value;
        }
        return null;
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    [GeneratedRegex(@"[\p{L}\p{N}]+|[^\p{L}\p{N}\s]", RegexOptions.CultureInvariant)]
    private static partial Regex Token();

    [GeneratedRegex("^(text|lettering|logos?|watermarks?|signature|caption|typography)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex TextWord();
}
