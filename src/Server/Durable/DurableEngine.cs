using DurableTask.AzureStorage;
using DurableTask.Core;
using GenImageFactory.Infrastructure;
using GenImageFactory.Pipeline.Ports;
using GenImageFactory.Pipeline;
using Microsoft.DurableTask.Converters;
using Microsoft.DurableTask.Worker;
using Microsoft.DurableTask.Worker.Shims;
using Microsoft.Extensions.Options;

namespace GenImageFactory.Server.Durable;

/// <summary>
/// DurableTask.Core's <see cref="TaskHubWorker"/> on the Azure Storage provider, running the Pipeline's
/// class-based orchestrators and activities through the public shims: the same engine the Functions host
/// uses underneath. Starts in the background and retries until storage answers, so the process (and its
/// health endpoint) is up before Azurite is. Without a worker (<see cref="DurableOptions.RunWorker"/>) it only
/// creates the task hub and serves its client. The provider makes the task hub once per service instance, so storage
/// emptied under a running engine (<see cref="StorageEmptiedAsync"/>) gets a new service, worker and client.
/// </summary>
public sealed class DurableEngine(
    IOptions<DurableOptions> options,
    IConfiguration configuration,
    IServiceProvider services,
    ILoggerFactory loggerFactory,
    WorkerShutdown shutdown,
    ILogger<DurableEngine> logger) : BackgroundService, IReadinessCheck, IStorageEmptiedListener
{
    private volatile TaskCompletionSource<TaskHubClient> _client = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile TaskHubWorker? _worker;
    private volatile AzureStorageOrchestrationService? _service;
    private volatile bool _wasReady;
    private readonly SemaphoreSlim _restarting = new(1, 1);
    private long _activityExecutions;
    private long _orchestrationEpisodes;

    public string Name => "durableWorker";

    public bool IsReady => _client.Task.IsCompletedSuccessfully;

    public bool WasReady => _wasReady;

    /// <summary>Work done by this process's worker since it started (for the bench and operators).</summary>
    public EngineCounters Counters => new(Interlocked.Read(ref _activityExecutions), Interlocked.Read(ref _orchestrationEpisodes), WorkerId);

    /// <summary>The client, once the worker runs (a new one after a restart).</summary>
    public Task<TaskHubClient> Client => _client.Task;

    protected override Task ExecuteAsync(CancellationToken stoppingToken) => StartEngineAsync(_client, stoppingToken);

    /// <summary>Starts a service (and its worker) on the task hub, made if missing, and hands its client to <paramref name="client"/>.</summary>
    private async Task StartEngineAsync(TaskCompletionSource<TaskHubClient> client, CancellationToken stoppingToken)
    {
        await StartupRetry.RunAsync(async _ =>
        {
            var service = CreateService();
            if (options.Value.RunWorker)
            {
                var worker = CreateWorker(service);
                await worker.StartAsync();
                _worker = worker;
                logger.DurableWorkerStarted(WorkerId, options.Value.TaskHub);
            }
            else
            {
                await service.CreateIfNotExistsAsync();
                logger.DurableClientStarted(options.Value.TaskHub);
            }
            _service = service;
        }, "Durable worker", logger, stoppingToken);
        client.TrySetResult(new TaskHubClient(_service!, new CoreJsonDataConverter(JsonDataConverter.Default), loggerFactory));
        _wasReady = true;
    }

    /// <summary>
    /// Storage was emptied under the engine (<see cref="Infrastructure.Storage.StorageInitializer"/> found the app's tables
    /// gone): its service polls queues that no longer exist and would not make them again. The worker stops without
    /// waiting (what it held is gone with the storage), and a new service, worker and client start; meanwhile callers wait
    /// for the new client and health says the worker is not ready.
    /// </summary>
    public async Task StorageEmptiedAsync(CancellationToken cancellationToken)
    {
        if (!_wasReady)
        {
            // Still starting: the start under way makes the hub.
            return;
        }
        await _restarting.WaitAsync(cancellationToken);
        try
        {
            logger.DurableEngineRestarting(options.Value.TaskHub);
            var client = _client = new TaskCompletionSource<TaskHubClient>(TaskCreationOptions.RunContinuationsAsynchronously);
            if (_worker is { } stale)
            {
                _worker = null;
                try
                {
                    await stale.StopAsync(isForced: true).WaitAsync(StaleWorkerStopTimeout, cancellationToken);
                }
                catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
                {
                    logger.DurableWorkerStopFailed(ex, WorkerId);
                }
            }
            await StartEngineAsync(client, cancellationToken);
        }
        finally
        {
            _restarting.Release();
        }
    }

    /// <summary>
    /// A worker on emptied storage is not waited for longer: its dispatchers stop first, while its partition manager
    /// goes on trying to release leases in a table that is gone; a lease it still held lapses in this time anyway.
    /// </summary>
    private static readonly TimeSpan StaleWorkerStopTimeout = LeaseInterval;

    /// <summary>Removes one instance's history and state; a no-op for an id that never ran.</summary>
    public async Task PurgeInstanceAsync(string instanceId)
    {
        await Client;
        await ((IOrchestrationServicePurgeClient)_service!).PurgeInstanceStateAsync(instanceId);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        if (_worker is { } worker)
        {
            // Poll steps waiting between polls give way first: the worker's stop waits for its running steps.
            shutdown.Begin();
            // Not forced: in-flight work items finish or are abandoned cleanly for the next worker. Within the host's
            // shutdown time, though: with storage unreachable the provider's lease loop retries for ever, and a
            // process that will not stop is one an orchestrator must kill.
            try
            {
                await worker.StopAsync(isForced: false).WaitAsync(cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                // Left as a crash leaves them: its messages and leases return to the other workers after their timeouts.
                logger.DurableWorkerStopTimedOut(WorkerId);
            }
        }
    }

    /// <summary>
    /// How long a partition lease lasts without renewal: the shortest blob lease Azure Storage grants (the
    /// provider's default is 30 s). With renewals and ownership checks every 5 s (default 10 s), a survivor
    /// owns a dead process's partitions within ~20 s of the crash instead of ~40 s.
    /// </summary>
    public static readonly TimeSpan LeaseInterval = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan LeaseRenewAndAcquireInterval = TimeSpan.FromSeconds(5);

    /// <summary>This process's worker id: the configured one, else unique per process (see <see cref="DurableOptions.WorkerId"/>).</summary>
    public string WorkerId => options.Value.WorkerId is { Length: > 0 } id ? id : $"{Environment.MachineName}-{Environment.ProcessId}";

    private AzureStorageOrchestrationService CreateService()
    {
        var o = options.Value;
        var storage = Infrastructure.Storage.StorageAccount.From(configuration);
        return new AzureStorageOrchestrationService(new AzureStorageOrchestrationServiceSettings
        {
            StorageAccountClientProvider = storage.UsesIdentity
                ? new StorageAccountClientProvider(storage.AccountName!, storage.Credential())
                : new StorageAccountClientProvider(storage.ConnectionString!),
            TaskHubName = o.TaskHub,
            PartitionCount = o.PartitionCount,
            MaxQueuePollingInterval = TimeSpan.FromSeconds(o.MaxQueuePollingIntervalSeconds),
            WorkerId = WorkerId,
            LeaseInterval = LeaseInterval,
            LeaseRenewInterval = LeaseRenewAndAcquireInterval,
            LeaseAcquireInterval = LeaseRenewAndAcquireInterval,
            ControlQueueVisibilityTimeout = TimeSpan.FromSeconds(o.MessageVisibilityTimeoutSeconds),
            WorkItemQueueVisibilityTimeout = TimeSpan.FromSeconds(o.MessageVisibilityTimeoutSeconds),
            MaxConcurrentTaskActivityWorkItems = o.MaxConcurrentActivities,
            MaxConcurrentTaskOrchestrationWorkItems = o.MaxConcurrentOrchestrations,
            ExtendedSessionsEnabled = o.ExtendedSessionIdleSeconds > 0,
            ExtendedSessionIdleTimeout = TimeSpan.FromSeconds(Math.Max(1, o.ExtendedSessionIdleSeconds)),
            LoggerFactory = loggerFactory,
        });
    }

    private TaskHubWorker CreateWorker(AzureStorageOrchestrationService service)
    {
        var shims = new DurableTaskShimFactory(new DurableTaskWorkerOptions(), loggerFactory);
        var worker = new TaskHubWorker(service, loggerFactory)
        {
            // The shims report failures as FailureDetails; exceptions cannot cross System.Text.Json.
            ErrorPropagationMode = ErrorPropagationMode.UseFailureDetails,
        };
        worker.AddActivityDispatcherMiddleware(async (_, next) =>
        {
            Interlocked.Increment(ref _activityExecutions);
            await next();
        });
        worker.AddOrchestrationDispatcherMiddleware(async (_, next) =>
        {
            Interlocked.Increment(ref _orchestrationEpisodes);
            await next();
        });
        worker.AddTaskOrchestrations(PipelineTasks.Orchestrators.Select(t => (ObjectCreator<TaskOrchestration>)new ShimOrchestrationCreator(shims, t)).ToArray());
        worker.AddTaskActivities(PipelineTasks.Activities.Select(t => (ObjectCreator<TaskActivity>)new ShimActivityCreator(shims, services, t)).ToArray());
        return worker;
    }
}

public sealed record EngineCounters(long ActivityExecutions, long OrchestrationEpisodes, string WorkerId);
