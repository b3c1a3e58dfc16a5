using GenImageFactory.Domain.Jobs;
using GenImageFactory.Pipeline.Images;
using GenImageFactory.Pipeline.Models;

namespace GenImageFactory.Api.Images;

/// <summary>Which images a list or an export covers: a QC status, optionally one job, optionally search words.</summary>
/// <param name="QcStatus">Null (only with a job): every status.</param>
public sealed record ImageFilter(string? QcStatus, string? JobId, string? Query)
{
    /// <summary>A search of a few words; each word goes into the index's queries, whose URLs storage bounds.</summary>
    public const int MaxQueryLength = 100;

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
        if (q is { Length: > MaxQueryLength })
        {
            errors.Add("q", $"Must be at most {MaxQueryLength} characters.");
        }
        var status = qcStatus ?? (jobId is null ? ImageQcStatus.Approved : defaultStatus);
        return new ImageFilter(status, jobId, string.IsNullOrWhiteSpace(q) ? null : q.Trim());
    }

    /// <summary>The query's words, as search compares them.</summary>
    public IReadOnlyList<string> Words { get; } = SearchWords.Of(Query);

    /// <summary>The image has this filter's status (when it names one) and every query word begins one of its words.</summary>
    public bool Matches(ImageRecord image) =>
        (QcStatus is null || image.QcStatus == QcStatus) && SearchWords.Matches(image, Words);
}
