using System.Globalization;

namespace GenImageFactory.Domain.Jobs;

public static class JobLabel
{
    /// <summary>The label a job shows: the configured one, or <c>job_YYYYMMDD_HHMMSS</c> of its creation (UTC).</summary>
    public static string For(string? configured, DateTimeOffset createdAt) =>
        string.IsNullOrWhiteSpace(configured)
            ? "job_" + createdAt.UtcDateTime.ToString("yyyyMMdd_HHmmss", CultureInfo.InvariantCulture)
            : configured.Trim();
}
