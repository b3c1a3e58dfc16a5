namespace GenImageFactory.Pipeline.Ports;

/// <summary>Cuts a grid of images (Midjourney's 2x2 answer) into its images.</summary>
public interface IImageGridSplitter
{
    /// <summary>The grid's <paramref name="side"/> x <paramref name="side"/> cells, row by row, each a PNG.</summary>
    /// <exception cref="InvalidDataException">The bytes are not an image we can decode.</exception>
    IReadOnlyList<byte[]> Split(ReadOnlySpan<byte> grid, int side);
}
