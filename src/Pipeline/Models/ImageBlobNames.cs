namespace GenImageFactory.Pipeline.Models;

/// <summary>Blob names in the images container: <c>&lt;jobId&gt;/&lt;mappingId&gt;.original.&lt;ext&gt;</c> as generated.</summary>
public static class ImageBlobNames
{
    public static string Original(string jobId, string imageId, string extension) => $"{jobId}/{imageId}.original.{extension}";
}
