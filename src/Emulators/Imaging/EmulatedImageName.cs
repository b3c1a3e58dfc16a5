using System.Globalization;
using GenImageFactory.Domain.Configuration;
using GenImageFactory.Domain.Keywords;

namespace GenImageFactory.Emulators.Imaging;

/// <summary>
/// The file name of an emulated image says everything needed to draw it again (prompt hash, size, index),
/// so the emulators keep no state and an image URL works after a restart.
/// </summary>
public sealed record EmulatedImageName(ulong PromptHash, int Width, int Height, int Index)
{
    public string FileName => string.Create(CultureInfo.InvariantCulture, $"{PromptHash:x16}-{Width}x{Height}-{Index}.png");

    public static EmulatedImageName For(string prompt, int width, int height, int index) => new(StableHash.Of(prompt), width, height, index);

    public static bool TryParse(string fileName, out EmulatedImageName name)
    {
        name = null!;
        var parts = fileName.Replace(".png", "", StringComparison.Ordinal).Split('-', 'x');
        if (parts.Length != 4
            || !ulong.TryParse(parts[0], NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var hash)
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var width)
            || !int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var height)
            || !int.TryParse(parts[3], NumberStyles.None, CultureInfo.InvariantCulture, out var index)
            || width is < 1 or > 4096 || height is < 1 or > 4096)
        {
            return false;
        }
        name = new EmulatedImageName(hash, width, height, index);
        return true;
    }

    /// <summary>The PNG, in the requested proportions, with its long side as the emulator is configured.</summary>
    public byte[] Render(int longSide) =>
        PlaceholderImageRenderer.RenderPng(new AspectRatio(Width, Height), longSide, PromptHash ^ (ulong)(Index + 1) * 0x9E3779B97F4A7C15UL);
}
