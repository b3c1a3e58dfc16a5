namespace GenImageFactory.Api.Exports;

/// <summary>
/// Exports are built in a temporary file and then streamed to the client: memory stays flat however many
/// images there are, and the response is written asynchronously although the XLSX and ZIP writers write
/// synchronously. The file deletes itself when the response has been sent.
/// </summary>
public static class ExportFile
{
    private const int BufferBytes = 81920;

    public static FileStream Create() => new(
        Path.Combine(Path.GetTempPath(), $"gen-image-factory-export-{Guid.NewGuid():N}"),
        FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, BufferBytes,
        FileOptions.DeleteOnClose | FileOptions.Asynchronous);

    public static FileStreamHttpResult Send(FileStream file, string contentType, string downloadName)
    {
        file.Position = 0;
        return TypedResults.Stream(file, contentType, downloadName);
    }
}
