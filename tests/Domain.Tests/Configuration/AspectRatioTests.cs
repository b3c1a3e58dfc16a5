using GenImageFactory.Domain.Configuration;

namespace GenImageFactory.Domain.Tests.Configuration;

public class AspectRatioTests
{
    [Theory]
    [InlineData("1:1")]
    [InlineData("100:100")]
    [InlineData(" 16 : 9 ")]
    public void TryParse_ValidRatios_Succeeds(string text) => Assert.True(AspectRatio.TryParse(text, out _));

    [Theory]
    [InlineData("")]
    [InlineData(null)]
    [InlineData("16")]
    [InlineData("0:1")]
    [InlineData("101:1")]
    [InlineData("1:1:1")]
    [InlineData("-1:2")]
    [InlineData("a:b")]
    [InlineData("1.5:1")]
    public void TryParse_InvalidRatios_Fails(string? text) => Assert.False(AspectRatio.TryParse(text, out _));

    [Theory]
    [InlineData("16:9", 512, 512, 288)]
    [InlineData("9:16", 512, 288, 512)]
    [InlineData("1:1", 512, 512, 512)]
    [InlineData("100:1", 512, 512, 5)]
    public void SizeWithLongSide_KeepsTheRatio(string ratio, int longSide, int width, int height) =>
        Assert.Equal((width, height), AspectRatio.Parse(ratio).SizeWithLongSide(longSide));
}
