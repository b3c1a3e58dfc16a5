namespace GenImageFactory.Pipeline.Models;

/// <summary>Blob names in the images container: <c>&lt;jobId&gt;/&lt;mappingId&gt;.original.&lt;ext&gt;</c> as generated.</summary>
public static class ImageBlobNames
{
    public static string Original(string jobId, string imageId, string extension) => $"{jobId}/{imageId}.original.{extension}";

    /// <summary>The post-processed image served instead of the original: <c>&lt;jobId&gt;/&lt;mappingId&gt;.&lt;ext&gt;</c>.</summary>
    public static string Final(string jobId, string imageId, string extension) => $"{jobId}/{imageId}.{extension}";

    /// <summary>The file name a download or an export gives the image: its id and the served blob's extension.</summary>
    public static string DownloadName(ImageRecord image) => image.Id + Path.GetExtension(image.FinalBlob);
}
