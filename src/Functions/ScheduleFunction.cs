using GenImageFactory.Functions.Durable;
using GenImageFactory.Pipeline.Jobs;
using GenImageFactory.Pipeline.Schedules;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace GenImageFactory.Functions;

/// <summary>The scheduler in Azure: the same <see cref="ScheduleRunner"/> and <see cref="StuckJobSweep"/> the Server's timer calls.</summary>
public static class ScheduleFunction
{
    /// <summary>NCRONTAB with seconds: a slot starts at most a minute late (the Server's default tick is 30 s).</summary>
    public const string EveryMinute = "0 * * * * *";

    [Function("RunDueSchedules")]
    public static async Task Run([TimerTrigger(EveryMinute)] TimerInfo timer, [DurableClient] DurableTaskClient client, FunctionContext context)
    {
        var services = context.InstanceServices;
        // Off when another deployment sharing this storage runs the schedules (either way, a slot runs once).
        if (!services.GetRequiredService<IConfiguration>().GetValue("Schedules:Enabled", true))
        {
            return;
        }
        services.GetRequiredService<DurableClientScope>().Client = client;
        await services.GetRequiredService<ScheduleRunner>().RunDueAsync(services.GetRequiredService<TimeProvider>().GetUtcNow(), context.CancellationToken);
        await services.GetRequiredService<StuckJobSweep>().SweepAsync(context.CancellationToken);
    }
}
