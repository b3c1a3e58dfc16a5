using System.ComponentModel.DataAnnotations;
using GenImageFactory.Pipeline.Ports;
using GenImageFactory.Pipeline.Jobs;
using GenImageFactory.Pipeline.Schedules;
using Microsoft.Extensions.Options;

namespace GenImageFactory.Server.Schedules;

public sealed class ScheduleOptions
{
    public const string Section = "Schedules";

    /// <summary>How often due schedules are looked for; a slot starts at most this late.</summary>
    [Range(1, 3600)]
    public int TickSeconds { get; set; } = 30;

    /// <summary>
    /// Off for a Server that shares storage with another that runs the schedules (either way, a slot runs once). The
    /// stuck-job sweep runs on the tick either way: a Server that dies may be the one with schedules on.
    /// </summary>
    public bool Enabled { get; set; } = true;
}

/// <summary>
/// The Server's periodic tick: the shared <see cref="ScheduleRunner"/> starts what is due, and the
/// <see cref="StuckJobSweep"/> closes jobs whose orchestration is gone.
/// </summary>
public sealed class ScheduleTimer(IServiceScopeFactory scopes, IEnumerable<IReadinessCheck> readiness, IOptions<ScheduleOptions> options, TimeProvider time, ILogger<ScheduleTimer> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(options.Value.TickSeconds), time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            if (!readiness.All(r => r.IsReady))
            {
                continue;
            }
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                if (options.Value.Enabled)
                {
                    await scope.ServiceProvider.GetRequiredService<ScheduleRunner>().RunDueAsync(time.GetUtcNow(), stoppingToken);
                }
                await scope.ServiceProvider.GetRequiredService<StuckJobSweep>().SweepAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // A storage hiccup must not stop the scheduler: the next tick tries again, and slots are claimed once.
                logger.DueSchedulesNotRead(ex);
            }
        }
    }
}

public static class ScheduleTimerServiceCollectionExtensions
{
    public static IServiceCollection AddScheduleTimer(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ScheduleOptions>()
            .Bind(configuration.GetSection(ScheduleOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddHostedService<ScheduleTimer>();
        return services;
    }
}
