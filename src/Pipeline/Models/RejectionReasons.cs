namespace GenImageFactory.Pipeline.Models;

/// <summary>What the bulk actions (rerun, delete, export, image retry) say of an id they could not act on.</summary>
public static class RejectionReasons
{
    public const string NotFound = "not found";
    public const string NotAJobId = "not a job id";
    public const string StillRunning = "still running";
}
