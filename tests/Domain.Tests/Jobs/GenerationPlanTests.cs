using System.Text.Json;
using GenImageFactory.Domain.Configuration;
using GenImageFactory.Domain.Jobs;

namespace GenImageFactory.Domain.Tests.Jobs;

public class GenerationPlanTests
{
    private static JobConfiguration Configuration(string json) =>
        ConfigurationReader.Read(JsonDocument.Parse(json).RootElement).Value!;

    [Fact]
    public void For_2500Generations_CyclesRatiosAndKeywords()
    {
        var configuration = Configuration("""{"name":"n","keywords":"a\nb","systemPrompt":"{keyword}!","parameters":{"count":2500,"aspectRatios":"1:1,16:9,9:16"}}""");
        var plan = new GenerationPlan("job", configuration);

        var specs = Enumerable.Range(0, plan.Count).Select(plan.For).ToList();

        Assert.Equal(2500, specs.Count);
        Assert.All(specs, s => Assert.Equal(configuration.Parameters.AspectRatios[s.GenerationIndex % 3], s.AspectRatio));
        Assert.All(specs, s => Assert.Equal(s.GenerationIndex % 2 == 0 ? "a!" : "b!", s.Prompt));
        Assert.Throws<ArgumentOutOfRangeException>(() => plan.For(2500));
    }

    [Fact]
    public void For_OneRatio_EveryGenerationUsesIt()
    {
        var plan = new GenerationPlan("job", Configuration("""{"name":"n","parameters":{"count":5,"aspectRatios":"4:5"}}"""));

        Assert.All(Enumerable.Range(0, 5), i => Assert.Equal("4:5", plan.For(i).AspectRatio));
    }

    [Fact]
    public void For_RandomKeywords_SameJobSamePrompts_OtherJobOtherOrder()
    {
        var keywords = string.Join("\\n", Enumerable.Range(0, 40));
        var configuration = Configuration("{\"name\":\"n\",\"keywordRandom\":true,\"keywords\":\"" + keywords + "\",\"systemPrompt\":\"{keyword}\",\"parameters\":{\"count\":40}}");
        string[] Prompts(string jobId) => Enumerable.Range(0, 40).Select(i => new GenerationPlan(jobId, configuration).For(i).Prompt).ToArray();

        Assert.Equal(Prompts("job-a"), Prompts("job-a"));
        Assert.NotEqual(Prompts("job-a"), Prompts("job-b"));
        Assert.Equal(40, Prompts("job-a").Distinct().Count());
    }

    [Fact]
    public void WithProviderSuffix_Midjourney_AppendsVersion()
    {
        var parameters = Configuration("""{"name":"n","parameters":{"mjVersion":"7","model":"midjourney"}}""").Parameters;

        Assert.Equal("a cat --v 7", GenerationPlan.WithProviderSuffix("a cat", parameters));
        Assert.Equal("a cat", GenerationPlan.WithProviderSuffix("a cat", parameters with { Provider = "runware" }));
    }

    [Theory]
    [InlineData("")]
    [InlineData("Qubico/flux1-schnell")]
    [InlineData("Qubico/flux1-dev")]
    [InlineData("Qubico/flux1-dev-advanced")]
    public void WithProviderSuffix_FluxOrDefault_LeavesThePromptAlone(string model)
    {
        var parameters = Configuration($$$"""{"name":"n","parameters":{"model":"{{{model}}}"}}""").Parameters;

        Assert.Equal("a cat", GenerationPlan.WithProviderSuffix("a cat", parameters));
    }
}
