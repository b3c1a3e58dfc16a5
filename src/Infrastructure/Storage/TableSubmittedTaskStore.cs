using System.Text.Json;
using Azure.Data.Tables;
using GenImageFactory.Pipeline.Models;
using GenImageFactory.Pipeline.Ports;

namespace GenImageFactory.Infrastructure.Storage;

/// <summary>The <c>SubmittedTasks</c> table: PK job id, RK generation and attempt, the provider's answer (task id, or stored originals and cost) and the prompt sent.</summary>
public sealed class TableSubmittedTaskStore(TableServiceClient tables, TimeProvider time) : ISubmittedTaskStore
{
    /// <summary>Rounds of a claim that keeps meeting other runs' writes before it gives up (the step's retry takes it from there).</summary>
    private const int MaxClaimRounds = 10;

    private static readonly string[] Columns = ["TaskId", "State", "ImageUrls", "Cost", "Credits", "Prompt", "ProviderPrompt", "AspectRatio"];

    private readonly TableClient _table = tables.GetTableClient(StorageNames.SubmittedTasksTable);

    public async Task<SubmittedTask?> FindAsync(string jobId, int generationIndex, int attempt, CancellationToken cancellationToken)
    {
        var row = await _table.GetEntityIfExistsAsync<TableEntity>(jobId, RowKey(generationIndex, attempt), Columns, cancellationToken);
        if (!row.HasValue)
        {
            return null;
        }
        var entity = row.Value!;
        var taskId = entity.GetString("TaskId") is { Length: > 0 } id ? id : null;
        // Rows without a state were written for polled tasks only.
        var answer = entity.GetString("State") == nameof(ProviderTaskState.Completed)
            ? ProviderTaskStatus.Completed(taskId, JsonSerializer.Deserialize<string[]>(entity.GetString("ImageUrls") ?? "[]") ?? [])
            : taskId is null ? null : ProviderTaskStatus.Pending(taskId);
        if (answer is null)
        {
            return null;
        }
        return new SubmittedTask(
            answer with { Cost = (decimal?)entity.GetDouble("Cost"), Credits = (decimal?)entity.GetDouble("Credits") },
            new PreparedPrompt(entity.GetString("Prompt") ?? "", entity.GetString("ProviderPrompt") ?? "", entity.GetString("AspectRatio") ?? ""));
    }

    /// <remarks>
    /// A claim is the attempt's row before the answer: only <c>ClaimedUntil</c> and <c>ClaimedBy</c>. Taken with an insert (one run wins), or,
    /// once lapsed, with a replace under the ETag read; the answer's write (<see cref="RecordAsync"/>) replaces it.
    /// </remarks>
    public async Task<SubmissionClaim> ClaimAsync(string jobId, int generationIndex, int attempt, TimeSpan lease, CancellationToken cancellationToken)
    {
        var rowKey = RowKey(generationIndex, attempt);
        for (var round = 0; ; round++)
        {
            var now = time.GetUtcNow();
            var holder = Guid.NewGuid().ToString("N");
            var claim = new TableEntity(jobId, rowKey) { ["ClaimedUntil"] = now + lease, ["ClaimedBy"] = holder };
            try
            {
                await _table.AddEntityAsync(claim, cancellationToken);
                return new SubmissionClaim(SubmissionClaimState.Claimed, Holder: holder);
            }
            catch (Azure.RequestFailedException ex) when (ex.Status == 409 && round < MaxClaimRounds)
            {
            }
            var row = await _table.GetEntityIfExistsAsync<TableEntity>(jobId, rowKey, ["TaskId", "State", "ClaimedUntil"], cancellationToken);
            if (!row.HasValue)
            {
                continue;
            }
            var held = row.Value!;
            if (HoldsAnswer(held))
            {
                return new SubmissionClaim(SubmissionClaimState.Answered);
            }
            if (held.GetDateTimeOffset("ClaimedUntil") is { } until && until > now)
            {
                return new SubmissionClaim(SubmissionClaimState.Held, until);
            }
            try
            {
                // Lapsed (or left by a spend note alone): taken over, if no other run took it first.
                await _table.UpdateEntityAsync(claim, held.ETag, TableUpdateMode.Merge, cancellationToken);
                return new SubmissionClaim(SubmissionClaimState.Claimed, Holder: holder);
            }
            catch (Azure.RequestFailedException ex) when (ex.Status is 404 or 412 && round < MaxClaimRounds)
            {
            }
        }
    }

    public Task<bool> RenewClaimAsync(string jobId, int generationIndex, int attempt, string holder, TimeSpan lease, CancellationToken cancellationToken) =>
        OnOwnClaimAsync(jobId, RowKey(generationIndex, attempt), holder, (rowKey, etag) =>
            _table.UpdateEntityAsync(new TableEntity(jobId, rowKey) { ["ClaimedUntil"] = time.GetUtcNow() + lease }, etag, TableUpdateMode.Merge, cancellationToken),
            cancellationToken);

    public Task ReleaseClaimAsync(string jobId, int generationIndex, int attempt, string holder, CancellationToken cancellationToken) =>
        OnOwnClaimAsync(jobId, RowKey(generationIndex, attempt), holder, (rowKey, etag) => _table.DeleteEntityAsync(jobId, rowKey, etag, cancellationToken), cancellationToken);

    /// <summary>
    /// Writes to the attempt's row under the ETag read, if it is still <paramref name="holder"/>'s claim with no answer.
    /// </summary>
    /// <returns>False when it is not (gone, answered, or taken over meanwhile): that stands.</returns>
    private async Task<bool> OnOwnClaimAsync(string jobId, string rowKey, string holder, Func<string, Azure.ETag, Task<Azure.Response>> write, CancellationToken cancellationToken)
    {
        var row = await _table.GetEntityIfExistsAsync<TableEntity>(jobId, rowKey, ["TaskId", "State", "ClaimedBy"], cancellationToken);
        if (!row.HasValue || row.Value!.GetString("ClaimedBy") != holder || HoldsAnswer(row.Value))
        {
            return false;
        }
        try
        {
            await write(rowKey, row.Value.ETag);
            return true;
        }
        catch (Azure.RequestFailedException ex) when (ex.Status is 404 or 412)
        {
            return false;
        }
    }

    /// <summary>The provider's answer is in the row (<see cref="RecordAsync"/>), not only a claim.</summary>
    private static bool HoldsAnswer(TableEntity row) => row.GetString("State") is { Length: > 0 } || row.GetString("TaskId") is { Length: > 0 };

    public async Task RecordAsync(string jobId, int generationIndex, int attempt, string provider, SubmittedTask task, CancellationToken cancellationToken) =>
        await _table.UpsertEntityAsync(new TableEntity(jobId, RowKey(generationIndex, attempt))
        {
            ["Provider"] = provider,
            ["TaskId"] = task.Answer.TaskId ?? "",
            ["State"] = task.Answer.State.ToString(),
            // A completed answer's images: the provider's URLs only until the originals are stored (seconds; a signed URL
            // reads one image for about an hour, kept in the account that will hold the image anyway), then the originals.
            ["ImageUrls"] = JsonSerializer.Serialize(task.Answer.ImageUrls),
            // Tables have no decimal type; amounts of a few dollars keep their cents in a double.
            ["Cost"] = (double?)task.Answer.Cost,
            ["Credits"] = (double?)task.Answer.Credits,
            ["Prompt"] = task.Prompt.Prompt,
            ["ProviderPrompt"] = task.Prompt.ProviderPrompt,
            ["AspectRatio"] = task.Prompt.AspectRatio,
        }, TableUpdateMode.Replace, cancellationToken);

    public async Task RecordSpentAsync(string jobId, int generationIndex, int attempt, decimal? cost, decimal? credits, CancellationToken cancellationToken) =>
        await _table.UpsertEntityAsync(new TableEntity(jobId, RowKey(generationIndex, attempt))
        {
            ["SpentUsd"] = (double?)cost,
            ["SpentCredits"] = (double?)credits,
        }, TableUpdateMode.Merge, cancellationToken);

    public async Task<(decimal Usd, decimal Credits)> SpentAsync(string jobId, CancellationToken cancellationToken)
    {
        var (usd, credits) = (0m, 0m);
        await foreach (var row in _table.QueryAsync<TableEntity>(r => r.PartitionKey == jobId, select: ["SpentUsd", "SpentCredits"], cancellationToken: cancellationToken))
        {
            usd += (decimal)(row.GetDouble("SpentUsd") ?? 0);
            credits += (decimal)(row.GetDouble("SpentCredits") ?? 0);
        }
        return (usd, credits);
    }

    public Task DeleteJobAsync(string jobId, CancellationToken cancellationToken) => PartitionDeletion.DeleteAsync(_table, jobId, cancellationToken);

    private static string RowKey(int generationIndex, int attempt) => $"g{generationIndex:D5}-a{attempt}";
}
