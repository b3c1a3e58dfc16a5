using GenImageFactory.Domain.Configuration;
using SkiaSharp;

namespace GenImageFactory.Infrastructure.Tests.Imaging;

/// <summary>Every output decoded and measured: size, format, alpha, colours.</summary>
public class ImageProcessingTests : IAsyncLifetime
{
    private RemoveBgEmulatorHost _host = null!;

    public async Task InitializeAsync() => _host = await RemoveBgEmulatorHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private static readonly ProcessingSettings None = ConfigurationReader.Defaults.Processing;

    /// <summary>A 200x120 picture: a flat light-grey background with a 60x40 red-and-blue subject at (50, 30).</summary>
    private static byte[] Subject(SKEncodedImageFormat format = SKEncodedImageFormat.Png)
    {
        using var bitmap = new SKBitmap(200, 120);
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(new SKColor(220, 220, 220));
            using var red = new SKPaint { Color = new SKColor(200, 40, 40) };
            using var blue = new SKPaint { Color = new SKColor(40, 40, 200) };
            canvas.DrawRect(new SKRect(50, 30, 80, 70), red);
            canvas.DrawRect(new SKRect(80, 30, 110, 70), blue);
        }
        using var image = SKImage.FromBitmap(bitmap);
        return image.Encode(format, 100).ToArray();
    }

    private static SKBitmap Decode(byte[] bytes) => SKBitmap.Decode(bytes);

    private static SKEncodedImageFormat FormatOf(byte[] bytes)
    {
        using var codec = SKCodec.Create(SKData.CreateCopy(bytes));
        return codec.EncodedFormat;
    }

    [Fact]
    public async Task RemoveBackground_ThenTrim_LeavesOnlyTheSubject_WithTransparency()
    {
        var settings = None with { RemoveBg = true, TrimTransparentBackground = true };

        var result = await _host.Processor.ProcessAsync(Subject(), settings, default);
        using var output = Decode(result.Content);

        Assert.Empty(result.Notes);
        Assert.Equal(SKEncodedImageFormat.Png, FormatOf(result.Content));
        Assert.Equal((60, 40), (output.Width, output.Height));
        Assert.Equal((60, 40), (result.Facts.Width, result.Facts.Height));
        Assert.Equal(255, output.GetPixel(5, 5).Alpha);
        Assert.Equal(1, _host.Emulator.Requests);
    }

    [Fact]
    public async Task RemoveBackground_WithoutTrim_KeepsTheSize_AndMakesTheBorderTransparent()
    {
        var result = await _host.Processor.ProcessAsync(Subject(), None with { RemoveBg = true }, default);
        using var output = Decode(result.Content);

        Assert.Equal((200, 120), (output.Width, output.Height));
        Assert.Equal(0, output.GetPixel(2, 2).Alpha);
        Assert.Equal(255, output.GetPixel(60, 50).Alpha);
    }

    [Fact]
    public async Task RemoveBackgroundFailure_KeepsTheOriginal_AndSaysWhy()
    {
        await using var broken = await RemoveBgEmulatorHost.StartAsync(s => s["Emulators:RemoveBg:OutOfCredits"] = "true");

        var result = await broken.Processor.ProcessAsync(Subject(), None with { RemoveBg = true, TrimTransparentBackground = true }, default);
        using var output = Decode(result.Content);

        Assert.Contains(result.Notes, n => n.Contains("Insufficient credits", StringComparison.Ordinal));
        Assert.Equal((200, 120), (output.Width, output.Height));
        Assert.Equal(255, output.GetPixel(2, 2).Alpha);
        Assert.Equal(new SKColor(220, 220, 220), output.GetPixel(2, 2).WithAlpha(255));
    }

    [Fact]
    public async Task Trim_OfAnOpaqueImage_ChangesNothing_AndSaysSo()
    {
        var result = await _host.Processor.ProcessAsync(Subject(), None with { TrimTransparentBackground = true }, default);
        using var output = Decode(result.Content);

        Assert.Equal((200, 120), (output.Width, output.Height));
        Assert.Contains(result.Notes, n => n.Contains("nothing to trim", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("white", 255)]
    [InlineData("black", 0)]
    public async Task ConvertToJpg_FlattensTransparencyOntoTheBackground(string background, byte expected)
    {
        var settings = None with { RemoveBg = true, ImageConvert = true, ConvertTo = "jpg", JpgBackground = background, JpgQuality = 95 };

        var result = await _host.Processor.ProcessAsync(Subject(), settings, default);
        using var output = Decode(result.Content);

        Assert.Equal(SKEncodedImageFormat.Jpeg, FormatOf(result.Content));
        Assert.Equal(("image/jpeg", "jpg"), (result.Facts.ContentType, result.Facts.Extension));
        var corner = output.GetPixel(3, 3);
        Assert.InRange(corner.Red, expected - 6, expected + 6);
        Assert.InRange(corner.Green, expected - 6, expected + 6);
        Assert.InRange(corner.Blue, expected - 6, expected + 6);
    }

    [Fact]
    public async Task ConvertToWebp_KeepsTheSize_AndLowerQualityMeansFewerBytes()
    {
        var high = await _host.Processor.ProcessAsync(Subject(), None with { ImageConvert = true, ConvertTo = "webp", WebpQuality = 100 }, default);
        var low = await _host.Processor.ProcessAsync(Subject(), None with { ImageConvert = true, ConvertTo = "webp", WebpQuality = 10 }, default);

        Assert.Equal(SKEncodedImageFormat.Webp, FormatOf(high.Content));
        Assert.Equal(("image/webp", 200, 120), (high.Facts.ContentType, high.Facts.Width, high.Facts.Height));
        Assert.True(low.Content.Length < high.Content.Length, $"quality 10: {low.Content.Length} bytes, quality 100: {high.Content.Length}");
    }

    [Fact]
    public async Task Saturation_MovesColoursAwayFromGrey_AndZeroMakesThemGrey()
    {
        static int Spread(SKColor c) => Math.Max(c.Red, Math.Max(c.Green, c.Blue)) - Math.Min(c.Red, Math.Min(c.Green, c.Blue));
        var vivid = await _host.Processor.ProcessAsync(Subject(), None with { ImageEnhancement = true, Saturation = 2, Sharpening = 0 }, default);
        var grey = await _host.Processor.ProcessAsync(Subject(), None with { ImageEnhancement = true, Saturation = 0, Sharpening = 0 }, default);
        using var original = Decode(Subject());
        using var more = Decode(vivid.Content);
        using var none = Decode(grey.Content);

        Assert.True(Spread(more.GetPixel(65, 50)) > Spread(original.GetPixel(65, 50)));
        Assert.True(Spread(none.GetPixel(65, 50)) <= 2);
    }

    [Fact]
    public async Task Sharpening_RaisesContrastAtEdges_AndLeavesFlatAreasAlone()
    {
        var sharp = await _host.Processor.ProcessAsync(Subject(), None with { ImageEnhancement = true, Saturation = 1, Sharpening = 10 }, default);
        using var original = Decode(Subject());
        using var output = Decode(sharp.Content);

        // Just outside the red subject's left edge the grey gets lighter, just inside the red gets stronger.
        Assert.True(output.GetPixel(49, 50).Red > original.GetPixel(49, 50).Red || output.GetPixel(49, 50).Green > original.GetPixel(49, 50).Green);
        Assert.True(output.GetPixel(50, 50).Green < original.GetPixel(50, 50).Green);
        Assert.Equal(original.GetPixel(10, 10), output.GetPixel(10, 10));
    }
}
