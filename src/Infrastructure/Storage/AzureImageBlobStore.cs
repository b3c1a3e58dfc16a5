using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using GenImageFactory.Pipeline.Ports;

namespace GenImageFactory.Infrastructure.Storage;

/// <summary>Image bytes in the <c>images</c> container.</summary>
public sealed class AzureImageBlobStore(BlobServiceClient blobs) : IImageBlobStore
{
    private readonly BlobContainerClient _container = blobs.GetBlobContainerClient(StorageNames.ImagesContainer);

    public Task PutAsync(string blobName, ReadOnlyMemory<byte> content, string contentType, CancellationToken cancellationToken) =>
        _container.GetBlobClient(blobName).UploadAsync(BinaryData.FromBytes(content),
            new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = contentType } }, cancellationToken);

    public async Task PutIfAbsentAsync(string blobName, ReadOnlyMemory<byte> content, string contentType, CancellationToken cancellationToken)
    {
        var options = new BlobUploadOptions
        {
            HttpHeaders = new BlobHttpHeaders { ContentType = contentType },
            Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All },
        };
        try
        {
            await _container.GetBlobClient(blobName).UploadAsync(BinaryData.FromBytes(content), options, cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status is 409 or 412)
        {
            // Already written by an earlier attempt of the same step: the first copy stays.
        }
    }

    public async Task DeleteAsync(string blobName, CancellationToken cancellationToken) =>
        await _container.DeleteBlobIfExistsAsync(blobName, cancellationToken: cancellationToken);

    public async Task DeleteJobAsync(string jobId, CancellationToken cancellationToken)
    {
        await foreach (var blob in _container.GetBlobsAsync(BlobTraits.None, BlobStates.None, jobId + "/", cancellationToken))
        {
            await _container.DeleteBlobIfExistsAsync(blob.Name, cancellationToken: cancellationToken);
        }
    }

    public async Task<BlobContent?> OpenReadAsync(string blobName, CancellationToken cancellationToken)
    {
        try
        {
            var response = await _container.GetBlobClient(blobName).DownloadStreamingAsync(cancellationToken: cancellationToken);
            var details = response.Value.Details;
            return new BlobContent(response.Value.Content, details.ContentType, details.ContentLength);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return null;
        }
    }
}
