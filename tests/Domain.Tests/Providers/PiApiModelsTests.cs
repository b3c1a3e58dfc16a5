using System.Text.Json;
using GenImageFactory.Domain.Configuration;
using GenImageFactory.Domain.Providers;

namespace GenImageFactory.Domain.Tests.Providers;

public class PiApiModelsTests
{
    public static TheoryData<string> Ratios => new() { "1:1", "16:9", "9:16", "4:5", "3:2", "2:3", "21:9", "100:1", "1:100", "7:13" };

    [Theory]
    [MemberData(nameof(Ratios))]
    public void SizeFor_Flux_StaysWithinAMegapixelInSteps_AndKeepsTheRatio(string text)
    {
        var ratio = AspectRatio.Parse(text);

        var (width, height) = PiApiModels.FluxSchnell.SizeFor(ratio);

        Assert.True(width * height <= 1_048_576, $"{width}x{height} is over a megapixel");
        Assert.Equal(0, width % 16);
        Assert.Equal(0, height % 16);
        // Close to the largest area allowed, and as close to the ratio as steps of 16 allow on the short side.
        Assert.True(width * height > 1_048_576 * 0.85, $"{width}x{height} wastes the pixel budget");
        var shortSide = Math.Min(width, height);
        Assert.InRange((double)width / height, ratio.Value * (1 - 16.0 / shortSide), ratio.Value * (1 + 16.0 / shortSide));
    }

    [Fact]
    public void SizeFor_Square_IsThePixelLimitExactly()
    {
        Assert.Equal((1024, 1024), PiApiModels.FluxDev.SizeFor(AspectRatio.Parse("1:1")));
        Assert.Equal((1360, 768), PiApiModels.FluxDev.SizeFor(AspectRatio.Parse("16:9")));
    }

    [Theory]
    [InlineData("", "Qubico/flux1-schnell")]
    [InlineData("  ", "Qubico/flux1-schnell")]
    [InlineData("qubico/FLUX1-dev", "Qubico/flux1-dev")]
    [InlineData("Qubico/flux1-dev-advanced", "Qubico/flux1-dev-advanced")]
    [InlineData("midjourney", "midjourney")]
    public void Find_KnownOrEmpty_ReturnsTheModel(string id, string expected)
    {
        Assert.Equal(expected, PiApiModels.Find(id)!.Id);
    }

    [Fact]
    public void Default_IsServedTodayAndCommercial()
    {
        Assert.Equal("Qubico/flux1-schnell", PiApiModels.Default.Id);
        Assert.Contains("commercial use allowed", PiApiModels.Default.Licence);
        Assert.Equal(4, PiApiModels.FluxSchnell.MaxImagesPerTask);
        Assert.Equal(4, PiApiModels.Midjourney.ImagesPerTask);
        Assert.All(PiApiModels.All.Where(m => m != PiApiModels.Midjourney), m => Assert.False(m.TakesVersionSuffix));
    }

    [Fact]
    public void Read_UnknownPiApiModel_NamesTheField()
    {
        var read = ConfigurationReader.Read(Json("""{"name":"n","parameters":{"model":"Qubico/flux1-pro"}}"""));

        Assert.False(read.IsValid);
        var message = Assert.Single(read.Errors.ToDictionary()["parameters.model"]);
        Assert.Contains("Qubico/flux1-schnell", message);
    }

    [Theory]
    [InlineData("runware", "runware:101@1")]
    [InlineData("openai-images", "dall-e-3")]
    public void Read_OtherProvidersModel_PassesThrough(string provider, string model)
    {
        var read = ConfigurationReader.Read(Json($$$"""{"name":"n","parameters":{"provider":"{{{provider}}}","model":"{{{model}}}"}}"""));

        Assert.True(read.IsValid);
        Assert.Equal(model, read.Value!.Parameters.Model);
    }

    [Theory]
    [InlineData("""{"maxSpend":-1}""")]
    [InlineData("""{"maxSpend":"ten"}""")]
    [InlineData("""{"model":"bad model!"}""")]
    [InlineData("""{"model":42}""")]
    public void Read_BadModelOrSpend_NamesTheField(string parameters)
    {
        var read = ConfigurationReader.Read(Json($$$"""{"name":"n","parameters":{{{parameters}}}}"""));

        Assert.False(read.IsValid);
        var field = "parameters." + JsonDocument.Parse(parameters).RootElement.EnumerateObject().Single().Name;
        Assert.Contains(field, read.Errors.ToDictionary().Keys);
    }

    [Theory]
    [InlineData(300, 1, 18)]
    [InlineData(300, 60, 60)]
    [InlineData(15, 1, 1)]
    [InlineData(17, 1, 2)]
    public void PollingInterval_IsStretched_SoATaskIsPolledAtMostAThousandTimes(int timeoutMinutes, int intervalSeconds, int effective)
    {
        var read = ConfigurationReader.Read(Json($$$"""{"name":"n","parameters":{"pollingTimeoutMinutes":{{{timeoutMinutes}}},"pollingIntervalSeconds":{{{intervalSeconds}}}}}"""));

        Assert.True(read.IsValid);
        Assert.Equal(effective, read.Value!.Parameters.EffectivePollingIntervalSeconds());
        Assert.True(timeoutMinutes * 60 / effective <= GenerationParameters.MaxPollsPerTask);
    }

    [Fact]
    public void Read_MaxSpend_KeepsTheAmount()
    {
        var read = ConfigurationReader.Read(Json("""{"name":"n","parameters":{"maxSpend":0.25}}"""));

        Assert.Equal(0.25m, read.Value!.Parameters.MaxSpend);
        Assert.Null(ConfigurationReader.Read(Json("""{"name":"n"}""")).Value!.Parameters.MaxSpend);
    }

    private static JsonElement Json(string text) => JsonDocument.Parse(text).RootElement;
}
