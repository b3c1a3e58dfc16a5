using System.ComponentModel.DataAnnotations;

namespace GenImageFactory.Server.Durable;

/// <summary>The durable engine's settings (configuration section <c>Durable</c>).</summary>
public sealed class DurableOptions
{
    public const string Section = "Durable";

    /// <summary>Task hub name: 3-45 letters and digits, starting with a letter (Azure Storage naming).</summary>
    [Required, RegularExpression("^[A-Za-z][A-Za-z0-9]{2,44}$")]
    public string TaskHub { get; set; } = "GenImageFactory";

    /// <summary>Control-queue partitions: the unit of scale-out across Server processes.</summary>
    [Range(1, 16)]
    public int PartitionCount { get; set; } = 4;

    /// <summary>
    /// The longest idle wait between queue polls. The provider's 30 s default makes timers fire up to
    /// 26 s late; 1 s keeps polling intervals honest at the cost of more idle queue reads.
    /// </summary>
    [Range(0.1, 60)]
    public double MaxQueuePollingIntervalSeconds { get; set; } = 1;

    /// <summary>Defaults to the machine name, so a restarted process resumes its partitions at once.</summary>
    public string? WorkerId { get; set; }

    /// <summary>
    /// How long a dequeued message stays invisible. After a crash, the dead worker's in-flight messages
    /// come back only after this; the provider's 5-minute default stalls a job that long. Activities renew
    /// their lock 30 s before it expires, so anything above ~45 s is safe for long activities.
    /// </summary>
    [Range(45, 600)]
    public int MessageVisibilityTimeoutSeconds { get; set; } = 60;

    [Range(1, 1000)]
    public int MaxConcurrentActivities { get; set; } = 32;

    [Range(1, 1000)]
    public int MaxConcurrentOrchestrations { get; set; } = 64;
}
