using Azure;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using GenImageFactory.Domain.Configuration;
using GenImageFactory.Pipeline.Models;
using GenImageFactory.Pipeline.Ports;

namespace GenImageFactory.Infrastructure.Storage;

/// <summary>
/// Configurations in one partition: the entity (<c>id:&lt;id&gt;</c>) and a name guard (<c>name:&lt;encoded lower-case
/// name&gt;</c>) written in one transaction, so two configurations can never share a name. A configuration whose
/// JSON is too large for a table property (keywords may take 1 MiB) is kept in a blob of its own version, which the
/// entity names: a write uploads the new version first and removes the old one once the entity points elsewhere.
/// </summary>
public sealed class TableConfigurationStore(TableServiceClient tables, BlobServiceClient blobs) : IConfigurationStore
{
    private const string Partition = "configuration";
    private const string JsonBlob = "JsonBlob";
    private readonly TableClient _table = tables.GetTableClient(StorageNames.ConfigurationsTable);
    private readonly BlobContainerClient _blobs = blobs.GetBlobContainerClient(StorageNames.SnapshotsContainer);

    public async Task<SavedConfiguration> CreateAsync(string id, JobConfiguration configuration, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var entity = await ToEntityAsync(id, configuration, now, now, cancellationToken);
        await SubmitOrForgetAsync([
            new(TableTransactionActionType.Add, entity),
            new(TableTransactionActionType.Add, NameGuard(configuration.Name, id)),
        ], configuration.Name, entity, cancellationToken);
        return (await GetAsync(id, cancellationToken))!;
    }

    public async Task<SavedConfiguration?> GetAsync(string id, CancellationToken cancellationToken)
    {
        var response = await _table.GetEntityIfExistsAsync<TableEntity>(Partition, EntityKey(id), cancellationToken: cancellationToken);
        return response.HasValue ? await SavedAsync(response.Value!, cancellationToken) : null;
    }

    /// <summary>
    /// The configuration a row holds, or null when it went meanwhile. A version's blob goes once a newer one is in
    /// place: a read that lost that race reads the row again (three tries in all).
    /// </summary>
    private async Task<SavedConfiguration?> SavedAsync(TableEntity entity, CancellationToken cancellationToken, int attempt = 1)
    {
        try
        {
            return ToSaved(entity, entity.GetString(JsonBlob) is { } blobName
                ? await SnapshotBlobs.ReadAsync(_blobs, blobName, cancellationToken)
                : entity.GetString("Json")!);
        }
        catch (RequestFailedException ex) when (ex.Status == 404 && attempt < 3)
        {
            var fresh = await _table.GetEntityIfExistsAsync<TableEntity>(Partition, entity.RowKey, cancellationToken: cancellationToken);
            return fresh.HasValue ? await SavedAsync(fresh.Value!, cancellationToken, attempt + 1) : null;
        }
    }

    public async Task<GenImageFactory.Pipeline.Models.Page<SavedConfiguration>> ListAsync(int limit, string? continuation, CancellationToken cancellationToken)
    {
        // Entity rows sort between "id:" and "id;" (';' follows ':'), so the name guards are never read.
        var query = _table.QueryAsync<TableEntity>(e => e.PartitionKey == Partition && e.RowKey.CompareTo("id:") > 0 && e.RowKey.CompareTo("id;") < 0, maxPerPage: limit, cancellationToken: cancellationToken);
        await foreach (var page in query.AsPages(ContinuationToken.Decode(continuation, "configurations"), limit))
        {
            var items = new List<SavedConfiguration>(page.Values.Count);
            foreach (var entity in page.Values)
            {
                if (await SavedAsync(entity, cancellationToken) is { } saved)
                {
                    items.Add(saved);
                }
            }
            return new GenImageFactory.Pipeline.Models.Page<SavedConfiguration>(items, ContinuationToken.Encode(page.ContinuationToken, "configurations"));
        }
        return new GenImageFactory.Pipeline.Models.Page<SavedConfiguration>([], null);
    }

    public async Task<SavedConfiguration?> UpdateAsync(string id, JobConfiguration configuration, IReadOnlyList<string>? ifMatch, DateTimeOffset now, CancellationToken cancellationToken)
    {
        for (var round = 1; ; round++)
        {
            var current = await _table.GetEntityIfExistsAsync<TableEntity>(Partition, EntityKey(id), cancellationToken: cancellationToken);
            if (!current.HasValue)
            {
                return null;
            }
            var existing = current.Value!;
            var etag = Expected(existing, ifMatch) ?? existing.ETag;
            var entity = await ToEntityAsync(id, configuration, existing.GetDateTimeOffset("CreatedAt") ?? now, now, cancellationToken);
            var actions = new List<TableTransactionAction>
            {
                new(TableTransactionActionType.UpdateReplace, entity, etag),
            };
            var oldName = existing.GetString("Name") ?? "";
            if (!string.Equals(oldName, configuration.Name, StringComparison.OrdinalIgnoreCase))
            {
                actions.Add(new(TableTransactionActionType.Delete, NameGuard(oldName, id), ETag.All));
                actions.Add(new(TableTransactionActionType.Add, NameGuard(configuration.Name, id)));
            }
            try
            {
                await SubmitOrForgetAsync(actions, configuration.Name, entity, cancellationToken);
            }
            // Another write or a delete came between the read and this write. Without If-Match the last write wins, so
            // it reads again and goes on top (or finds the configuration gone); with it, the client's version is stale.
            catch (Exception ex) when (round < MaxRounds && (ex is RowGoneException || (ex is ConfigurationPreconditionException && ifMatch is null)))
            {
                continue;
            }
            catch (RowGoneException)
            {
                throw new ConfigurationPreconditionException(StaleETag);
            }
            await ForgetBlobAsync(existing);
            return await GetAsync(id, cancellationToken);
        }
    }

    public async Task<bool> DeleteAsync(string id, IReadOnlyList<string>? ifMatch, CancellationToken cancellationToken)
    {
        for (var round = 1; ; round++)
        {
            var current = await _table.GetEntityIfExistsAsync<TableEntity>(Partition, EntityKey(id), cancellationToken: cancellationToken);
            if (!current.HasValue)
            {
                return false;
            }
            var etag = Expected(current.Value!, ifMatch) ?? ETag.All;
            try
            {
                await SubmitAsync([
                    new(TableTransactionActionType.Delete, current.Value!, etag),
                    new(TableTransactionActionType.Delete, NameGuard(current.Value!.GetString("Name") ?? "", id), ETag.All),
                ], "", cancellationToken);
            }
            // A delete or a rename came first: read again, and find it gone or delete what is there now.
            catch (RowGoneException) when (round < MaxRounds)
            {
                continue;
            }
            await ForgetBlobAsync(current.Value!);
            return true;
        }
    }

    /// <summary>Writes that lose a race read again; this many rounds settle any real contention.</summary>
    private const int MaxRounds = 8;

    /// <summary>A row the write expected (the configuration, or its name's guard) is no longer there.</summary>
    private sealed class RowGoneException : Exception;

    /// <summary>
    /// The version the write must find: null when the client named none. A value this store never issued cannot
    /// match, so it is refused here as stale rather than sent on (storage answers a malformed ETag as bad input).
    /// </summary>
    private static ETag? Expected(TableEntity current, IReadOnlyList<string>? ifMatch) =>
        ifMatch is null ? null
        : ifMatch.Contains(current.ETag.ToString()) ? current.ETag
        : throw new ConfigurationPreconditionException(StaleETag);

    private const string StaleETag = "The configuration changed since it was read (stale ETag); read it again.";

    /// <summary>Submits a write of <paramref name="entity"/>; when it is refused, the version's blob it uploaded goes.</summary>
    private async Task SubmitOrForgetAsync(IReadOnlyList<TableTransactionAction> actions, string name, TableEntity entity, CancellationToken cancellationToken)
    {
        try
        {
            await SubmitAsync(actions, name, cancellationToken);
        }
        catch
        {
            await ForgetBlobAsync(entity);
            throw;
        }
    }

    /// <summary>Best effort: a blob left by a crash in between is an unreferenced file, never a wrong configuration.</summary>
    private async Task ForgetBlobAsync(TableEntity entity)
    {
        if (entity.GetString(JsonBlob) is { } name)
        {
            await _blobs.GetBlobClient(name).DeleteIfExistsAsync(cancellationToken: CancellationToken.None);
        }
    }

    private async Task SubmitAsync(IReadOnlyList<TableTransactionAction> actions, string name, CancellationToken cancellationToken)
    {
        try
        {
            await _table.SubmitTransactionAsync(actions, cancellationToken);
        }
        catch (TableTransactionFailedException ex) when (ex.Status == 409)
        {
            throw new ConfigurationConflictException($"A configuration named '{name}' already exists.");
        }
        catch (TableTransactionFailedException ex) when (ex.Status == 412)
        {
            throw new ConfigurationPreconditionException(StaleETag);
        }
        catch (TableTransactionFailedException ex) when (ex.Status == 404)
        {
            throw new RowGoneException();
        }
    }

    private static string EntityKey(string id) => $"id:{id}";

    /// <summary>
    /// The name guard's row key: the lower-case name in URL-safe Base64, because names may hold characters table
    /// keys forbid ('/', '\\', '#', '?').
    /// </summary>
    private static TableEntity NameGuard(string name, string id) =>
        new(Partition, "name:" + System.Buffers.Text.Base64Url.EncodeToString(System.Text.Encoding.UTF8.GetBytes(name.Trim().ToLowerInvariant())))
        {
            ["ConfigurationId"] = id,
        };

    private async Task<TableEntity> ToEntityAsync(string id, JobConfiguration configuration, DateTimeOffset createdAt, DateTimeOffset updatedAt, CancellationToken cancellationToken)
    {
        var json = ConfigurationJson.Serialize(configuration);
        var entity = new TableEntity(Partition, EntityKey(id))
        {
            ["Name"] = configuration.Name,
            ["CreatedAt"] = createdAt,
            ["UpdatedAt"] = updatedAt,
        };
        if (SnapshotBlobs.FitsARow(json))
        {
            entity["Json"] = json;
            return entity;
        }
        var blobName = $"configurations/{id}/{Guid.NewGuid():N}.json";
        await SnapshotBlobs.UploadAsync(_blobs, blobName, json, cancellationToken);
        entity[JsonBlob] = blobName;
        return entity;
    }

    private static SavedConfiguration ToSaved(TableEntity e, string json) => new(
        e.RowKey["id:".Length..],
        ConfigurationJson.Deserialize(json),
        e.GetDateTimeOffset("CreatedAt") ?? DateTimeOffset.MinValue,
        e.GetDateTimeOffset("UpdatedAt") ?? DateTimeOffset.MinValue,
        e.ETag.ToString());
}
