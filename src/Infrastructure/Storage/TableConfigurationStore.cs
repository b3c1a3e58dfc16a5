using Azure;
using Azure.Data.Tables;
using GenImageFactory.Domain.Configuration;
using GenImageFactory.Pipeline.Models;
using GenImageFactory.Pipeline.Ports;

namespace GenImageFactory.Infrastructure.Storage;

/// <summary>
/// Configurations in one partition: the entity (<c>id:&lt;id&gt;</c>) and a name guard (<c>name:&lt;encoded lower-case
/// name&gt;</c>) written in one transaction, so two configurations can never share a name.
/// </summary>
public sealed class TableConfigurationStore(TableServiceClient tables) : IConfigurationStore
{
    private const string Partition = "configuration";
    private readonly TableClient _table = tables.GetTableClient(StorageNames.ConfigurationsTable);

    public async Task<SavedConfiguration> CreateAsync(string id, JobConfiguration configuration, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await SubmitAsync([
            new(TableTransactionActionType.Add, ToEntity(id, configuration, now, now)),
            new(TableTransactionActionType.Add, NameGuard(configuration.Name, id)),
        ], configuration.Name, cancellationToken);
        return (await GetAsync(id, cancellationToken))!;
    }

    public async Task<SavedConfiguration?> GetAsync(string id, CancellationToken cancellationToken)
    {
        var response = await _table.GetEntityIfExistsAsync<TableEntity>(Partition, EntityKey(id), cancellationToken: cancellationToken);
        return response.HasValue ? ToSaved(response.Value!) : null;
    }

    public async Task<GenImageFactory.Pipeline.Models.Page<SavedConfiguration>> ListAsync(int limit, string? continuation, CancellationToken cancellationToken)
    {
        // Entity rows sort between "id:" and "id;" (';' follows ':'), so the name guards are never read.
        var query = _table.QueryAsync<TableEntity>(e => e.PartitionKey == Partition && e.RowKey.CompareTo("id:") > 0 && e.RowKey.CompareTo("id;") < 0, maxPerPage: limit, cancellationToken: cancellationToken);
        await foreach (var page in query.AsPages(ContinuationToken.Decode(continuation), limit))
        {
            return new GenImageFactory.Pipeline.Models.Page<SavedConfiguration>(page.Values.Select(ToSaved).ToList(), ContinuationToken.Encode(page.ContinuationToken));
        }
        return new GenImageFactory.Pipeline.Models.Page<SavedConfiguration>([], null);
    }

    public async Task<SavedConfiguration?> UpdateAsync(string id, JobConfiguration configuration, string? ifMatch, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var current = await _table.GetEntityIfExistsAsync<TableEntity>(Partition, EntityKey(id), cancellationToken: cancellationToken);
        if (!current.HasValue)
        {
            return null;
        }
        var existing = current.Value!;
        var etag = ifMatch is null ? existing.ETag : new ETag(ifMatch);
        var actions = new List<TableTransactionAction>
        {
            new(TableTransactionActionType.UpdateReplace, ToEntity(id, configuration, existing.GetDateTimeOffset("CreatedAt") ?? now, now), etag),
        };
        var oldName = existing.GetString("Name") ?? "";
        if (!string.Equals(oldName, configuration.Name, StringComparison.OrdinalIgnoreCase))
        {
            actions.Add(new(TableTransactionActionType.Delete, NameGuard(oldName, id), ETag.All));
            actions.Add(new(TableTransactionActionType.Add, NameGuard(configuration.Name, id)));
        }
        await SubmitAsync(actions, configuration.Name, cancellationToken);
        return await GetAsync(id, cancellationToken);
    }

    public async Task<bool> DeleteAsync(string id, string? ifMatch, CancellationToken cancellationToken)
    {
        var current = await _table.GetEntityIfExistsAsync<TableEntity>(Partition, EntityKey(id), cancellationToken: cancellationToken);
        if (!current.HasValue)
        {
            return false;
        }
        var etag = ifMatch is null ? ETag.All : new ETag(ifMatch);
        await SubmitAsync([
            new(TableTransactionActionType.Delete, current.Value!, etag),
            new(TableTransactionActionType.Delete, NameGuard(current.Value!.GetString("Name") ?? "", id), ETag.All),
        ], "", cancellationToken);
        return true;
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
            throw new ConfigurationPreconditionException("The configuration changed since it was read (stale ETag); read it again.");
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

    private static TableEntity ToEntity(string id, JobConfiguration configuration, DateTimeOffset createdAt, DateTimeOffset updatedAt) =>
        new(Partition, EntityKey(id))
        {
            ["Name"] = configuration.Name,
            ["Json"] = ConfigurationJson.Serialize(configuration),
            ["CreatedAt"] = createdAt,
            ["UpdatedAt"] = updatedAt,
        };

    private static SavedConfiguration ToSaved(TableEntity e) => new(
        e.RowKey["id:".Length..],
        ConfigurationJson.Deserialize(e.GetString("Json")!),
        e.GetDateTimeOffset("CreatedAt") ?? DateTimeOffset.MinValue,
        e.GetDateTimeOffset("UpdatedAt") ?? DateTimeOffset.MinValue,
        e.ETag.ToString());
}
