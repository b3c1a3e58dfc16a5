using Microsoft.Extensions.DependencyInjection;

namespace GenImageFactory.Pipeline;

public static class PipelineServiceCollectionExtensions
{
    /// <summary>Services the pipeline's own classes need; hosts add the adapters behind its ports.</summary>
    public static IServiceCollection AddPipeline(this IServiceCollection services)
    {
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<WorkerShutdown>();
        services.AddSingleton<Jobs.JobStopSignals>();
        services.AddSingleton<Generations.GenerationPlans>();
        services.AddTransient<Generations.GenerationPrompts>();
        services.AddTransient<Generations.GenerationImageStore>();
        services.AddTransient<Generations.ProviderTaskPolling>();
        services.AddTransient<Images.ImageReviewer>();
        services.AddTransient<Images.ImageStatusChanges>();
        services.AddTransient<Images.ImageFinisher>();
        services.AddTransient<Images.ImageRemoval>();
        services.AddTransient<Images.ImageSearchFiling>();
        services.AddSingleton<Jobs.JobLogWriter>();
        services.AddTransient<Jobs.JobLauncher>();
        services.AddTransient<Jobs.JobReruns>();
        services.AddTransient<Jobs.JobClosing>();
        services.AddTransient<Jobs.JobCancellation>();
        services.AddTransient<Jobs.SlotWaiters>();
        services.AddTransient<Jobs.JobDeletion>();
        services.AddTransient<Jobs.StuckJobSweep>();
        services.AddTransient<Schedules.ScheduleRunner>();
        foreach (var activity in PipelineTasks.Activities)
        {
            services.AddTransient(activity);
        }
        return services;
    }
}
