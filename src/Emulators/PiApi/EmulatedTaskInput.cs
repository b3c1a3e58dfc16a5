using System.Text.Json;
using System.Text.Json.Nodes;
using GenImageFactory.Domain.Configuration;
using GenImageFactory.Domain.Providers;

namespace GenImageFactory.Emulators.PiApi;

/// <summary>A submitted task's input, checked the way PiAPI documents it for each model.</summary>
internal sealed record EmulatedTaskInput(PiApiModel Model, string Prompt, int ShapeWidth, int ShapeHeight, int ImageCount)
{
    private const double MinGuidanceScale = 1.5;
    private const double MaxGuidanceScale = 5;

    /// <summary>The input, or PiAPI's reason for refusing it.</summary>
    public static (EmulatedTaskInput? Input, string? Error) Read(JsonNode? body)
    {
        try
        {
            return ReadChecked(body);
        }
        catch (Exception ex) when (ex is InvalidOperationException or FormatException or JsonException)
        {
            return (null, $"invalid request: {ex.Message}");
        }
    }

    private static (EmulatedTaskInput?, string?) ReadChecked(JsonNode? body)
    {
        var modelId = (string?)body?["model"];
        var taskType = (string?)body?["task_type"];
        var model = PiApiModels.All.FirstOrDefault(m => m.Id == modelId && m.TaskType == taskType);
        if (model is null)
        {
            return (null, $"model '{modelId}' with task_type '{taskType}' is not supported");
        }
        var input = body?["input"];
        var prompt = (string?)input?["prompt"] ?? "";
        if (string.IsNullOrWhiteSpace(prompt))
        {
            return (null, "input.prompt is required");
        }
        return model.Sizing == PiApiSizing.AspectRatio ? ReadImagine(model, prompt, input!) : ReadTxt2Img(model, prompt, input!);
    }

    private static (EmulatedTaskInput?, string?) ReadImagine(PiApiModel model, string prompt, JsonNode input)
    {
        var mode = (string?)input["process_mode"] ?? "relax";
        if (!AspectRatio.TryParse((string?)input["aspect_ratio"] ?? "1:1", out var ratio) || mode is not ("relax" or "fast" or "turbo"))
        {
            return (null, "input.aspect_ratio must be W:H and input.process_mode relax, fast or turbo");
        }
        return (new EmulatedTaskInput(model, prompt, ratio.Width, ratio.Height, model.ImagesPerTask), null);
    }

    private static (EmulatedTaskInput?, string?) ReadTxt2Img(PiApiModel model, string prompt, JsonNode input)
    {
        var width = (int?)input["width"] ?? 1024;
        var height = (int?)input["height"] ?? 1024;
        if (width < 1 || height < 1 || (long)width * height > model.MaxPixels)
        {
            return (null, $"input.width * input.height must be at most {model.MaxPixels} (got {width} x {height})");
        }
        var batch = (int?)input["batch_size"] ?? 1;
        if (batch < 1 || batch > model.MaxImagesPerTask)
        {
            return (null, model.MaxImagesPerTask == 1
                ? $"input.batch_size is only available for {PiApiModels.FluxSchnell.Id}"
                : $"input.batch_size must be 1-{model.MaxImagesPerTask}");
        }
        if ((double?)input["guidance_scale"] is { } guidance && guidance is < MinGuidanceScale or > MaxGuidanceScale)
        {
            return (null, $"input.guidance_scale must be {MinGuidanceScale}-{MaxGuidanceScale}");
        }
        if (input["negative_prompt"] is { } negative && negative.GetValueKind() != JsonValueKind.String)
        {
            return (null, "input.negative_prompt must be text");
        }
        return (new EmulatedTaskInput(model, prompt, width, height, batch), null);
    }
}
