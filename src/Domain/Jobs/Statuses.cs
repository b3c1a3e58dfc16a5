namespace GenImageFactory.Domain.Jobs;

/// <summary>Execution statuses of a job, as they appear in JSON and storage.</summary>
public static class JobStatus
{
    public const string Pending = "pending";
    public const string Running = "running";
    public const string Completed = "completed";
    public const string Failed = "failed";
    public const string Cancelled = "cancelled";

    public static readonly IReadOnlyList<string> All = [Pending, Running, Completed, Failed, Cancelled];

    /// <summary>Not ended yet: its workflow may still write, submit and pay. False for an ended job and for none (deleted).</summary>
    public static bool IsActive(string? status) => status is Pending or Running;
}

/// <summary>What a running job is doing now.</summary>
public static class JobPhase
{
    public const string Queued = "queued";
    public const string Generating = "generating";
    public const string Done = "done";

    public static readonly IReadOnlyList<string> All = [Queued, Generating, Done];
}

/// <summary>Quality-check statuses of an image.</summary>
public static class ImageQcStatus
{
    public const string Pending = "pending";
    public const string Approved = "approved";
    public const string QcFailed = "qc_failed";
    public const string RetryPending = "retry_pending";
    public const string Processing = "processing";
    public const string RetryFailed = "retry_failed";

    public static readonly IReadOnlyList<string> All = [Pending, Approved, QcFailed, RetryPending, Processing, RetryFailed];
}
