using GenImageFactory.Domain.Configuration;

namespace GenImageFactory.Domain.Providers;

/// <summary>How a model takes the image's shape: Midjourney's <c>aspect_ratio</c>, or <c>width</c> and <c>height</c>.</summary>
public enum PiApiSizing
{
    AspectRatio,
    WidthAndHeight,
}

/// <summary>One image model PiAPI serves through its unified task API, and what its input needs.</summary>
/// <param name="Id">The <c>model</c> field of the task, as a configuration names it.</param>
/// <param name="TaskType">The <c>task_type</c> of a text-to-image task.</param>
/// <param name="MaxPixels">For width-and-height models: width × height may not exceed it.</param>
/// <param name="SizeStep">For width-and-height models: both sides are multiples of it.</param>
/// <param name="ImagesPerTask">Images one task returns by default.</param>
/// <param name="MaxImagesPerTask">The most a task may ask for (Flux schnell's <c>batch_size</c> 1-4).</param>
/// <param name="TakesVersionSuffix">Midjourney takes its version as <c>--v</c> at the end of the prompt.</param>
/// <param name="PricePerImage">PiAPI's list price in USD for one image, for estimates; null where PiAPI lists none.</param>
/// <param name="Licence">What PiAPI says about using the images.</param>
public sealed record PiApiModel(
    string Id,
    string TaskType,
    PiApiSizing Sizing,
    int MaxPixels,
    int SizeStep,
    int ImagesPerTask,
    int MaxImagesPerTask,
    bool TakesVersionSuffix,
    decimal? PricePerImage,
    string Licence)
{
    /// <summary>The short name (after the owner prefix), used as the configuration key of the model's settings.</summary>
    public string Key => Id[(Id.LastIndexOf('/') + 1)..];

    /// <summary>
    /// Width and height for an aspect ratio: the largest size whose sides are multiples of <see cref="SizeStep"/>,
    /// whose area stays within <see cref="MaxPixels"/>, and whose ratio is the nearest such size can get.
    /// </summary>
    public (int Width, int Height) SizeFor(AspectRatio ratio)
    {
        var height = Math.Sqrt(MaxPixels * (double)ratio.Height / ratio.Width);
        var width = height * ratio.Width / ratio.Height;
        int Steps(double side) => Math.Max(SizeStep, (int)Math.Floor(side / SizeStep) * SizeStep);
        var (w, h) = (Steps(width), Steps(height));
        while (w * h > MaxPixels)
        {
            // Only reachable when a side was raised to the minimum step: shrink the other one.
            if (w >= h) { w -= SizeStep; } else { h -= SizeStep; }
        }
        return (w, h);
    }
}

/// <summary>The PiAPI image models this product knows how to call (each needs its own input), and the default.</summary>
public static class PiApiModels
{
    /// <summary>Flux takes at most a megapixel (1024 × 1024) per image; sides in steps of 16 suit its latent grid.</summary>
    private const int FluxMaxPixels = 1_048_576;
    private const int FluxSizeStep = 16;

    public static readonly PiApiModel FluxSchnell = new("Qubico/flux1-schnell", "txt2img", PiApiSizing.WidthAndHeight,
        FluxMaxPixels, FluxSizeStep, ImagesPerTask: 1, MaxImagesPerTask: 4, TakesVersionSuffix: false, PricePerImage: 0.0015m,
        Licence: "Apache-2.0: commercial use allowed");

    public static readonly PiApiModel FluxDev = new("Qubico/flux1-dev", "txt2img", PiApiSizing.WidthAndHeight,
        FluxMaxPixels, FluxSizeStep, 1, 1, false, 0.015m, "FLUX.1 [dev] licence: non-commercial");

    public static readonly PiApiModel FluxDevAdvanced = new("Qubico/flux1-dev-advanced", "txt2img", PiApiSizing.WidthAndHeight,
        FluxMaxPixels, FluxSizeStep, 1, 1, false, 0.02m, "FLUX.1 [dev] licence: non-commercial; needs PiAPI's Creator plan or higher");

    /// <summary>PiAPI no longer serves Midjourney itself; kept for PiAPI-compatible services and its return.</summary>
    public static readonly PiApiModel Midjourney = new("midjourney", "imagine", PiApiSizing.AspectRatio,
        0, 0, 4, 4, true, null, "Midjourney's terms (paid plan) — discontinued at PiAPI");

    public static readonly IReadOnlyList<PiApiModel> All = [FluxSchnell, FluxDev, FluxDevAdvanced, Midjourney];

    /// <summary>Served by PiAPI today and licensed for commercial use: what a user who sets only a key gets.</summary>
    public static PiApiModel Default => FluxSchnell;

    /// <summary>The model a configuration names; empty means <see cref="Default"/>; null when unknown.</summary>
    public static PiApiModel? Find(string? id) =>
        string.IsNullOrWhiteSpace(id)
            ? Default
            : All.FirstOrDefault(m => string.Equals(m.Id, id.Trim(), StringComparison.OrdinalIgnoreCase));

    /// <summary>Like <see cref="Find"/>, for configurations already validated.</summary>
    public static PiApiModel Get(string? id) =>
        Find(id) ?? throw new KeyNotFoundException($"PiAPI model '{id}' is not supported.");
}
