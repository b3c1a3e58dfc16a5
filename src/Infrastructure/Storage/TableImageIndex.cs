using Azure;
using Azure.Data.Tables;
using GenImageFactory.Pipeline.Models;
using GenImageFactory.Pipeline.Ports;

namespace GenImageFactory.Infrastructure.Storage;

/// <summary>
/// The <c>ImageIndex</c> table: PK QC status, RK the image id. Image ids begin with their job id, which sorts newest
/// first, so a status list is one range scan, newest job first; and a step that runs twice rewrites the same row.
/// </summary>
public sealed class TableImageIndex(TableServiceClient tables) : IImageIndex
{
    private readonly TableClient _table = tables.GetTableClient(StorageNames.ImageIndexTable);

    public async Task AddAsync(IReadOnlyList<ImageRecord> images, CancellationToken cancellationToken)
    {
        foreach (var status in images.GroupBy(i => i.QcStatus))
        {
            foreach (var chunk in status.Chunk(100))
            {
                await _table.SubmitTransactionAsync(
                    chunk.Select(i => new TableTransactionAction(TableTransactionActionType.UpsertReplace, ToEntity(i))), cancellationToken);
            }
        }
    }

    public Task RemoveAsync(ImageRecord image, CancellationToken cancellationToken) =>
        PartitionDeletion.DeleteIfExistsAsync(_table, image.QcStatus, RowKey(image), cancellationToken);

    private static string Listing(string qcStatus) => $"status:{qcStatus}";

    public async Task<GenImageFactory.Pipeline.Models.Page<(string JobId, string ImageId)>> ListAsync(string qcStatus, int limit, string? continuation, CancellationToken cancellationToken)
    {
        var query = _table.QueryAsync<TableEntity>(e => e.PartitionKey == qcStatus, maxPerPage: limit, cancellationToken: cancellationToken);
        await foreach (var page in query.AsPages(ContinuationToken.Decode(continuation, Listing(qcStatus)), limit))
        {
            return new GenImageFactory.Pipeline.Models.Page<(string, string)>(
                page.Values.Select(e => (e.GetString("JobId") ?? "", e.GetString("ImageId") ?? "")).ToList(),
                ContinuationToken.Encode(page.ContinuationToken, Listing(qcStatus)));
        }
        return new GenImageFactory.Pipeline.Models.Page<(string, string)>([], null);
    }

    private static TableEntity ToEntity(ImageRecord image) => new(image.QcStatus, RowKey(image))
    {
        ["JobId"] = image.JobId,
        ["ImageId"] = image.Id,
    };

    private static string RowKey(ImageRecord image) => image.Id;
}
