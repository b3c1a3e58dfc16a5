using System.Buffers.Binary;
using System.IO.Hashing;
using GenImageFactory.Domain.Configuration;
using GenImageFactory.Emulators.RemoveBg;
using GenImageFactory.Infrastructure.Imaging;
using GenImageFactory.Pipeline.Models;
using Microsoft.Extensions.Logging.Abstractions;
using SkiaSharp;

namespace GenImageFactory.Infrastructure.Tests.Imaging;

/// <summary>A small file claiming a huge canvas is refused from its header, before a pixel is decoded.</summary>
public class ImageLimitsTests
{
    /// <summary>A real 1x1 PNG whose header then claims <paramref name="width"/> x <paramref name="height"/> (CRC fixed).</summary>
    private static byte[] PngClaiming(int width, int height)
    {
        using var bitmap = new SKBitmap(1, 1);
        var png = bitmap.Encode(SKEncodedImageFormat.Png, 100).ToArray();
        // IHDR data starts at 16 (8 signature + 4 length + 4 type); its CRC follows the 13 data bytes.
        BinaryPrimitives.WriteInt32BigEndian(png.AsSpan(16), width);
        BinaryPrimitives.WriteInt32BigEndian(png.AsSpan(20), height);
        BinaryPrimitives.WriteUInt32BigEndian(png.AsSpan(29), Crc32.HashToUInt32(png.AsSpan(12, 17)));
        return png;
    }

    [Fact]
    public void Inspect_OverFiftyMegapixels_IsRefused_AtTheLimitIsRead()
    {
        var inspector = new SkiaImageInspector();

        var error = Assert.Throws<InvalidDataException>(() => inspector.Inspect(PngClaiming(10_000, 10_000)));
        var facts = inspector.Inspect(PngClaiming(10_000, 5_000));

        Assert.Contains("50 megapixels", error.Message);
        Assert.Equal((10_000, 5_000), (facts.Width, facts.Height));
    }

    [Fact]
    public async Task Process_OverFiftyMegapixels_IsRefusedBeforeDecoding()
    {
        var processor = new SkiaImageProcessor(new UnusedBackgroundRemover(), new SkiaImageInspector(), NullLogger<SkiaImageProcessor>.Instance);
        var settings = ConfigurationReader.Defaults.Processing with { ImageEnhancement = true };

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => processor.ProcessAsync(PngClaiming(20_000, 20_000), settings, CancellationToken.None));

        Assert.Contains("megapixels", error.Message);
    }

    [Fact]
    public void RemoveBgEmulator_OverFiftyMegapixels_IsRefused()
    {
        var error = Assert.Throws<InvalidDataException>(() => RemoveBgEmulator.RemoveBackground(PngClaiming(60_000, 1_000), "full"));

        Assert.Contains("megapixels", error.Message);
    }

    private sealed class UnusedBackgroundRemover : GenImageFactory.Pipeline.Ports.IBackgroundRemover
    {
        public Task<byte[]> RemoveAsync(ReadOnlyMemory<byte> image, string size, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("background removal is off in these settings");
    }

    [Fact]
    public void Completed_WithMoreUrlsThanAnyTaskReturns_KeepsTheFirstTen()
    {
        var status = ProviderTaskStatus.Completed("t", Enumerable.Range(0, 10_000).Select(i => $"https://img.theapi.app/{i}.png").ToList());

        Assert.Equal(ProviderTaskStatus.MaxImageUrls, status.ImageUrls.Count);
    }
}
