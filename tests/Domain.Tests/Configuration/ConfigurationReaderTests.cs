using System.Text.Json;
using GenImageFactory.Domain.Configuration;

namespace GenImageFactory.Domain.Tests.Configuration;

public class ConfigurationReaderTests
{
    private static Validated<JobConfiguration> Read(string json, bool requireName = true) =>
        ConfigurationReader.Read(JsonDocument.Parse(json).RootElement, requireName);

    [Fact]
    public void Read_MinimalConfiguration_AppliesEveryDefault()
    {
        var result = Read("""{"name":"n"}""");

        Assert.True(result.IsValid, result.Errors.ToString());
        var c = result.Value!;
        Assert.Equal("", c.Parameters.Label);
        Assert.Equal("piapi", c.Parameters.Provider);
        Assert.Equal("relax", c.Parameters.ProcessMode);
        Assert.Equal(["1:1", "16:9", "9:16"], c.Parameters.AspectRatios);
        Assert.Equal("6.1", c.Parameters.MjVersion);
        Assert.Equal("gpt-4o", c.Parameters.OpenaiModel);
        Assert.Equal(1, c.Parameters.Count);
        Assert.Equal(15, c.Parameters.PollingIntervalSeconds);
        Assert.Equal(15, c.Parameters.PollingTimeoutMinutes);
        Assert.Equal(1, c.Parameters.GenerationRetryAttempts);
        Assert.Equal(0, c.Parameters.GenerationRetryBackoffMs);
        Assert.False(c.KeywordRandom);
        Assert.Equal(ConfigurationDefaults.SystemPrompt, c.SystemPrompt);
        Assert.Equal(new ProcessingSettings(false, "auto", false, "png", "white", 100, 100, 100, false, false, 5, 1.4), c.Processing);
        Assert.Equal(new AiSettings(true, true), c.Ai);
    }

    [Theory]
    [InlineData("\"16:9\"", new[] { "16:9" })]
    [InlineData("\"1:1,16:9\"", new[] { "1:1", "16:9" })]
    [InlineData("\" 1:1 , 16:9 ,9:16\"", new[] { "1:1", "16:9", "9:16" })]
    [InlineData("[\"4:3\",\"100:1\"]", new[] { "4:3", "100:1" })]
    public void Read_AspectRatiosAsStringOrList_NormalisesToList(string value, string[] expected)
    {
        var result = Read($$$"""{"name":"n","parameters":{"aspectRatios":{{{value}}}}}""");

        Assert.True(result.IsValid, result.Errors.ToString());
        Assert.Equal(expected, result.Value!.Parameters.AspectRatios);
    }

    [Fact]
    public void Read_ManyInvalidFields_ReportsEveryOneByPath()
    {
        var result = Read("""
        {
          "name": "",
          "keywordRandom": "yes",
          "parameters": {
            "provider": "dalle", "processMode": "slow", "aspectRatios": "16-9,0:1",
            "mjVersion": "latest!", "openaiModel": "gpt 4o", "count": 0,
            "pollingIntervalSeconds": 601, "pollingTimeoutMinutes": 0,
            "generationRetryAttempts": 6, "generationRetryBackoffMs": 60001
          },
          "processing": {
            "removeBg": 1, "removeBgSize": "huge", "imageConvert": "no", "convertTo": "gif",
            "jpgBackground": "red", "jpgQuality": 0, "pngQuality": 101, "webpQuality": 1.5,
            "trimTransparentBackground": null, "imageEnhancement": "x", "sharpening": 11, "saturation": -0.1
          },
          "ai": { "runQualityCheck": "true", "runMetadataGen": 0 }
        }
        """);

        Assert.False(result.IsValid);
        string[] expected =
        [
            "name", "keywordRandom", "parameters.provider", "parameters.processMode", "parameters.aspectRatios",
            "parameters.mjVersion", "parameters.openaiModel", "parameters.count", "parameters.pollingIntervalSeconds",
            "parameters.pollingTimeoutMinutes", "parameters.generationRetryAttempts", "parameters.generationRetryBackoffMs",
            "processing.removeBg", "processing.removeBgSize", "processing.imageConvert", "processing.convertTo",
            "processing.jpgBackground", "processing.jpgQuality", "processing.pngQuality", "processing.webpQuality",
            "processing.imageEnhancement", "processing.sharpening", "processing.saturation",
            "ai.runQualityCheck", "ai.runMetadataGen",
        ];
        Assert.Equal(expected.Order(), result.Errors.ToDictionary().Keys.Order());
        Assert.Equal(2, result.Errors.ToDictionary()["parameters.aspectRatios"].Length);
    }

    [Theory]
    [InlineData(1, true)]
    [InlineData(2500, true)]
    [InlineData(2501, false)]
    [InlineData(-1, false)]
    public void Read_Count_IsBetween1And2500(int count, bool valid)
    {
        var result = Read($$$"""{"name":"n","parameters":{"count":{{{count}}}}}""");

        Assert.Equal(valid, result.IsValid);
        Assert.Equal(!valid, result.Errors.Contains("parameters.count"));
    }

    [Fact]
    public void Read_NameOver100Characters_IsRejected()
    {
        var result = Read($$"""{"name":"{{new string('x', 101)}}"}""");

        Assert.True(result.Errors.Contains("name"));
    }

    [Fact]
    public void Read_InlineWithoutName_IsAcceptedWhenNameNotRequired()
    {
        Assert.False(Read("{}").IsValid);
        Assert.True(Read("{}", requireName: false).IsValid);
    }

    [Fact]
    public void Read_KeywordsOver1MiB_IsRejected()
    {
        var big = new string('a', 1024 * 1024 + 1);

        var result = Read($$"""{"name":"n","keywords":"{{big}}"}""");

        Assert.True(result.Errors.Contains("keywords"));
    }

    [Fact]
    public void Read_KeywordsAsList_BecomesOnePerLine()
    {
        var result = Read("""{"name":"n","keywords":["cat","dog"]}""");

        Assert.Equal("cat\ndog", result.Value!.Keywords);
    }

    [Fact]
    public void Read_PlaceholderMatchingNoCsvColumn_IsRejectedNamingIt()
    {
        var result = Read("""{"name":"n","keywords":"Subject,Style\ncat,oil","systemPrompt":"${{Subject}} in ${{Colour}}"}""");

        var message = Assert.Single(result.Errors.ToDictionary()["systemPrompt"]);
        Assert.Contains("Colour", message);
    }

    [Fact]
    public void Read_CsvWithUnclosedQuote_IsRejected()
    {
        var result = Read("""{"name":"n","keywordsFormat":"csv","keywords":"Subject\n\"cat","systemPrompt":"${{Subject}}"}""");

        Assert.True(result.Errors.Contains("keywords"));
    }

    [Fact]
    public void Read_NotAnObject_IsRejected()
    {
        Assert.True(Read("[1,2]").Errors.Contains("configuration"));
    }

    [Fact]
    public void Serialize_ThenDeserialize_RoundTripsTheSameConfiguration()
    {
        var original = Read("""{"name":"n","keywords":"a\nb","parameters":{"count":7,"aspectRatios":"4:3"}}""").Value!;

        var copy = ConfigurationJson.Deserialize(ConfigurationJson.Serialize(original));

        Assert.Equal(ConfigurationJson.Serialize(original), ConfigurationJson.Serialize(copy));
        Assert.Equal(["4:3"], copy.Parameters.AspectRatios);
    }

    [Fact]
    public void Read_MaxConcurrency_IsOptional_AndKeptWhenGiven()
    {
        Assert.Null(Read("""{"name":"n"}""").Value!.Parameters.MaxConcurrency);
        Assert.Null(Read("""{"name":"n","parameters":{"maxConcurrency":null}}""").Value!.Parameters.MaxConcurrency);
        Assert.Equal(2, Read("""{"name":"n","parameters":{"maxConcurrency":2}}""").Value!.Parameters.MaxConcurrency);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-3")]
    [InlineData("1001")]
    [InlineData("2.5")]
    [InlineData("\"4\"")]
    [InlineData("1e12")]
    public void Read_MaxConcurrency_OutOfRangeOrNotAWholeNumber_NamesTheField(string value)
    {
        var result = Read($$$"""{"name":"n","parameters":{"maxConcurrency":{{{value}}}}}""");

        Assert.False(result.IsValid);
        Assert.Contains("parameters.maxConcurrency", result.Errors.ToDictionary().Keys);
    }

    [Theory]
    [InlineData("2.0", 2)]
    [InlineData("4e0", 4)]
    [InlineData("1.000", 1)]
    public void Read_AWholeNumberWrittenWithAFractionOrExponent_IsThatNumber(string value, int expected)
    {
        // JSON Schema's "integer" is any number without a fraction: a client whose numbers are floating point sends 2.0.
        var result = Read($$$"""{"name":"n","parameters":{"count":{{{value}}},"maxConcurrency":{{{value}}}}}""");

        Assert.True(result.IsValid, result.Errors.ToString());
        Assert.Equal((expected, expected), (result.Value!.Parameters.Count, result.Value.Parameters.MaxConcurrency));
    }
}
