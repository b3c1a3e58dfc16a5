namespace GenImageFactory.Pipeline.Ports;

/// <summary>Facts read from encoded image bytes.</summary>
public sealed record ImageFacts(int Width, int Height, string ContentType, string Extension);

public interface IImageInspector
{
    /// <exception cref="InvalidDataException">The bytes are not an image we can decode.</exception>
    ImageFacts Inspect(ReadOnlySpan<byte> encoded);
}
