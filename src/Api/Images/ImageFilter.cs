using GenImageFactory.Domain.Jobs;
using GenImageFactory.Pipeline.Models;

namespace GenImageFactory.Api.Images;

/// <summary>Which images a list or an export covers: a QC status, optionally one job, optionally search words.</summary>
/// <param name="QcStatus">Null (only with a job): every status.</param>
public sealed record ImageFilter(string? QcStatus, string? JobId, string? Query)
{
    /// <summary>Reads the query-string filters; without a job the status defaults to <paramref name="defaultStatus"/>.</summary>
    public static ImageFilter Read(string? qcStatus, string? jobId, string? q, string? defaultStatus, ValidationErrors errors)
    {
        if (qcStatus is not null && !ImageQcStatus.All.Contains(qcStatus))
        {
            errors.Add("qcStatus", $"Must be one of: {string.Join(", ", ImageQcStatus.All)}.");
        }
        if (jobId is not null && !Domain.Jobs.JobId.IsValid(jobId))
        {
            errors.Add("jobId", "Is not a job id.");
        }
        var status = qcStatus ?? (jobId is null ? ImageQcStatus.Approved : defaultStatus);
        return new ImageFilter(status, jobId, string.IsNullOrWhiteSpace(q) ? null : q.Trim());
    }

    /// <summary>Search: every word of the query appears in the prompt, title, description or tags.</summary>
    public bool Matches(ImageRecord image)
    {
        if (Query is null)
        {
            return true;
        }
        var text = string.Join(' ', [image.Prompt, image.Metadata?.Title, image.Metadata?.Description, .. image.Metadata?.Tags ?? []]);
        return Query.Split(' ', StringSplitOptions.RemoveEmptyEntries).All(word => text.Contains(word, StringComparison.OrdinalIgnoreCase));
    }
}
