using System.ComponentModel.DataAnnotations;

namespace GenImageFactory.Server.Durable;

/// <summary>The durable engine's settings (configuration section <c>Durable</c>).</summary>
/// <remarks>docs/configuration.md lists these with the other settings of both hosts.</remarks>
public sealed class DurableOptions
{
    public const string Section = "Durable";

    /// <summary>
    /// Task hub name: 3-45 letters and digits, starting with a letter (Azure Storage naming). Not the Functions
    /// app's hub (host.json <c>GenImageFactory</c>): a Server and the Functions app on one storage account
    /// would otherwise take each other's work items, with different code and settings.
    /// </summary>
    [Required, RegularExpression("^[A-Za-z][A-Za-z0-9]{2,44}$")]
    public string TaskHub { get; set; } = "GenImageFactoryServer";

    /// <summary>
    /// Control-queue partitions: the unit of scale-out across Server processes (each partition has one
    /// owner at a time, so at most this many processes share orchestration work; activities are shared by
    /// all). The same as host.json's <c>partitionCount</c>. Fixed when a task hub is created. Four, the Durable
    /// extension's default: every partition is a queue polled even when idle, and a busy one hands each poll more
    /// messages per instance, so fewer partitions cost fewer requests and episodes (on the bench, 17.6 requests per
    /// image with 8, 13.6 with 4, 12.7 with 2), while four processes can still share orchestration work.
    /// </summary>
    [Range(1, 16)]
    public int PartitionCount { get; set; } = 4;

    /// <summary>
    /// The longest idle wait between queue polls. The provider's 30 s default makes timers fire up to
    /// 26 s late; 1 s keeps polling intervals honest at the cost of more idle queue reads.
    /// </summary>
    [Range(0.1, 60)]
    public double MaxQueuePollingIntervalSeconds { get; set; } = 1;

    /// <summary>
    /// This process's name in the partition leases. Unset: machine name and process id, unique per process,
    /// so several Servers on one machine (or containers sharing a host name) never pose as one another. A
    /// process restarted with the SAME id takes its partitions back at once; a new id waits until the dead
    /// one's leases expire (<see cref="DurableEngine.LeaseInterval"/>). Set it to a stable name per replica
    /// (e.g. a StatefulSet pod name) to get the faster restart.
    /// </summary>
    public string? WorkerId { get; set; }

    /// <summary>
    /// How long a dequeued message stays invisible: after a crash, the dead worker's in-flight messages come
    /// back only after this (the provider's default is 5 minutes). Short is safe for long work: while an
    /// activity or orchestration episode runs, DurableTask.Core renews its messages' visibility every 5 s once
    /// less than 30 s is left, i.e. all the time at 15 s, so a live work item never reappears elsewhere.
    /// </summary>
    [Range(15, 600)]
    public int MessageVisibilityTimeoutSeconds { get; set; } = 15;

    /// <summary>
    /// False: this process serves the HTTP API and schedules work on the task hub but runs no orchestration or
    /// activity (an API front end, scaled apart from the workers); at least one process on the hub must run them.
    /// </summary>
    public bool RunWorker { get; set; } = true;

    [Range(1, 1000)]
    public int MaxConcurrentActivities { get; set; } = 64;

    /// <summary>
    /// How long an orchestration stays in memory after an episode, waiting for its next message (0, the default: not
    /// at all). Meanwhile its next episode reads no history and replays nothing (one job of 100 generations on the
    /// bench: 40 s without, 31 s with; the 200-generation bench job: no difference). Off by default: once an episode's
    /// history write failed (storage throttling the engine's own writes), the engine with sessions on processed
    /// messages twice in one process and left the next job's orchestration stalled for minutes
    /// (<c>StorageFaultTests</c>); without them it recovers at once. A waiting instance holds an orchestration slot,
    /// and the engine lets at most half of <see cref="MaxConcurrentOrchestrations"/> wait.
    /// </summary>
    [Range(0, 300)]
    public int ExtendedSessionIdleSeconds { get; set; }

    [Range(1, 1000)]
    public int MaxConcurrentOrchestrations { get; set; } = 64;
}
