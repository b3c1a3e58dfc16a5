using GenImageFactory.Domain.Configuration;
using GenImageFactory.Domain.Keywords;
using GenImageFactory.Domain.Providers;

namespace GenImageFactory.Domain.Jobs;

/// <summary>What generation <c>i</c> of a job asks for: its keyword row filled into the template, and its aspect ratio.</summary>
public sealed record GenerationSpec(int GenerationIndex, string Prompt, string AspectRatio);

/// <summary>Derives each generation's prompt and aspect ratio from a job's configuration snapshot, deterministically.</summary>
public sealed class GenerationPlan
{
    private readonly JobConfiguration _configuration;
    private readonly KeywordTable _keywords;
    private readonly KeywordPicker _picker;

    public GenerationPlan(string jobId, JobConfiguration configuration)
    {
        _configuration = configuration;
        _keywords = KeywordTable.From(configuration);
        _picker = new KeywordPicker(_keywords.Rows.Count, configuration.KeywordRandom, StableHash.Of(jobId));
    }

    public int Count => _configuration.Parameters.Count;

    public GenerationSpec For(int generationIndex)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(generationIndex);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(generationIndex, Count);
        var row = _keywords.Rows[_picker.RowFor(generationIndex)];
        var prompt = PromptTemplate.Fill(_configuration.SystemPrompt, _keywords, row);
        return new GenerationSpec(generationIndex, prompt, _configuration.Parameters.AspectRatioOf(generationIndex));
    }

    /// <summary>Midjourney takes its model version as a prompt suffix; no other model does.</summary>
    public static string WithProviderSuffix(string prompt, GenerationParameters parameters) =>
        parameters.Provider == "piapi" && PiApiModels.Get(parameters.Model).TakesVersionSuffix
            ? $"{prompt} --v {parameters.MjVersion}"
            : prompt;
}
