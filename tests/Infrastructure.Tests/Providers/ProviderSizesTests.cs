using GenImageFactory.Infrastructure.Providers;
using OpenAI.Images;

namespace GenImageFactory.Infrastructure.Tests.Providers;

public class ProviderSizesTests
{
    [Theory]
    [InlineData("1:1", 1024, 1024)]
    [InlineData("16:9", 1024, 576)]
    [InlineData("9:16", 576, 1024)]
    [InlineData("2:3", 640, 960)]
    [InlineData("4:3", 1024, 768)]
    [InlineData("21:9", 896, 384)]
    [InlineData("7:5", 896, 640)]
    [InlineData("97:89", 1024, 960)]
    public void Runware_GetsMultiplesOf64_ExactWhenPossible(string ratio, int width, int height) =>
        Assert.Equal((width, height), RunwareClient.SizeFor(ratio));

    [Theory]
    [InlineData("1:1", 1024, 1024)]
    [InlineData("16:9", 1792, 1024)]
    [InlineData("9:16", 1024, 1792)]
    [InlineData("5:4", 1792, 1024)]
    [InlineData("4:5", 1024, 1792)]
    [InlineData("10:9", 1024, 1024)]
    public void OpenAiImages_GetTheNearestOfTheModelsSizes(string ratio, int width, int height) =>
        Assert.Equal(new GeneratedImageSize(width, height), OpenAiImagesClient.SizeFor(ratio));
}
