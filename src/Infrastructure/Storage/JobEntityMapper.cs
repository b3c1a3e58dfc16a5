using System.Text.Json;
using Azure.Data.Tables;
using GenImageFactory.Pipeline.Models;

namespace GenImageFactory.Infrastructure.Storage;

/// <summary>Maps job records to table entities (PK <c>job</c>, RK the newest-first job id).</summary>
internal static class JobEntityMapper
{
    public const string PartitionKey = "job";

    public static TableEntity ToEntity(JobRecord job, string? snapshotJson, string? snapshotBlob)
    {
        var entity = new TableEntity(PartitionKey, job.Id)
        {
            ["Label"] = job.Label,
            ["ConfigurationId"] = job.ConfigurationId,
            ["RerunOf"] = job.RerunOf,
            ["TotalGenerations"] = job.TotalGenerations,
            ["CreatedAt"] = job.CreatedAt,
            ["SnapshotJson"] = snapshotJson,
            ["SnapshotBlob"] = snapshotBlob,
        };
        Apply(entity, new JobUpdate
        {
            Status = job.Status,
            Phase = job.Phase,
            Progress = job.Progress,
            FailedGenerations = job.FailedGenerations,
            TotalImages = job.TotalImages,
            ApprovedImages = job.ApprovedImages,
            FailedImages = job.FailedImages,
            StartedAt = job.StartedAt,
            CompletedAt = job.CompletedAt,
            ErrorMessage = job.ErrorMessage,
            GenerationFailures = job.GenerationFailures,
            Spend = job.Spend,
            ProviderCredits = job.ProviderCredits,
            EstimatedCost = job.EstimatedCost,
        });
        return entity;
    }

    /// <summary>Sets the update's non-null fields on the entity (a merge leaves the others alone).</summary>
    public static void Apply(TableEntity entity, JobUpdate update)
    {
        void Set(string name, object? value)
        {
            if (value is not null)
            {
                entity[name] = value;
            }
        }

        Set("Label", update.Label);
        Set("Status", update.Status);
        Set("Phase", update.Phase);
        Set("Progress", update.Progress);
        Set("FailedGenerations", update.FailedGenerations);
        Set("TotalImages", update.TotalImages);
        Set("ApprovedImages", update.ApprovedImages);
        Set("FailedImages", update.FailedImages);
        Set("StartedAt", update.StartedAt);
        Set("CompletedAt", update.CompletedAt);
        Set("ErrorMessage", TableText.Cut(update.ErrorMessage));
        Set("GenerationFailures", update.GenerationFailures is null ? null : TableText.FailuresJson(update.GenerationFailures));
        // Tables have no decimal type; amounts of a few dollars keep their cents in a double.
        Set("Spend", (double?)update.Spend);
        Set("ProviderCredits", (double?)update.ProviderCredits);
        Set("EstimatedCost", (double?)update.EstimatedCost);
    }

    public static JobRecord ToRecord(TableEntity e, Domain.Configuration.JobConfiguration configuration) => new()
    {
        Id = e.RowKey,
        Label = e.GetString("Label") ?? "",
        Status = e.GetString("Status") ?? "",
        Phase = e.GetString("Phase") ?? "",
        Progress = e.GetInt32("Progress") ?? 0,
        ConfigurationId = e.GetString("ConfigurationId"),
        Configuration = configuration,
        RerunOf = e.GetString("RerunOf"),
        TotalGenerations = e.GetInt32("TotalGenerations") ?? 0,
        FailedGenerations = e.GetInt32("FailedGenerations") ?? 0,
        TotalImages = e.GetInt32("TotalImages") ?? 0,
        ApprovedImages = e.GetInt32("ApprovedImages") ?? 0,
        FailedImages = e.GetInt32("FailedImages") ?? 0,
        CreatedAt = e.GetDateTimeOffset("CreatedAt") ?? DateTimeOffset.MinValue,
        StartedAt = e.GetDateTimeOffset("StartedAt"),
        CompletedAt = e.GetDateTimeOffset("CompletedAt"),
        ErrorMessage = e.GetString("ErrorMessage"),
        GenerationFailures = e.GetString("GenerationFailures") is { } failures
            ? JsonSerializer.Deserialize<List<GenerationFailure>>(failures) ?? []
            : [],
        Spend = (decimal)(e.GetDouble("Spend") ?? 0),
        ProviderCredits = (decimal)(e.GetDouble("ProviderCredits") ?? 0),
        EstimatedCost = e.GetDouble("EstimatedCost") is { } estimate ? (decimal)estimate : null,
    };
}
