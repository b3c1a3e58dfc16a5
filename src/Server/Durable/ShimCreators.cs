using DurableTask.Core;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Worker.Shims;
using Microsoft.Extensions.DependencyInjection;

namespace GenImageFactory.Server.Durable;

/// <summary>
/// A fresh shim per orchestration work item: the shim keeps per-episode state, so one instance must
/// never serve two work items.
/// </summary>
internal sealed class ShimOrchestrationCreator : ObjectCreator<TaskOrchestration>
{
    private readonly DurableTaskShimFactory _shims;
    private readonly Type _orchestrator;

    public ShimOrchestrationCreator(DurableTaskShimFactory shims, Type orchestrator)
    {
        _shims = shims;
        _orchestrator = orchestrator;
        Name = orchestrator.Name;
        Version = "";
    }

    public override TaskOrchestration Create() =>
        _shims.CreateOrchestration(new TaskName(Name), (ITaskOrchestrator)Activator.CreateInstance(_orchestrator)!);
}

/// <summary>An activity resolved from the container per work item, wrapped in a shim.</summary>
internal sealed class ShimActivityCreator : ObjectCreator<TaskActivity>
{
    private readonly DurableTaskShimFactory _shims;
    private readonly IServiceProvider _services;
    private readonly Type _activity;

    public ShimActivityCreator(DurableTaskShimFactory shims, IServiceProvider services, Type activity)
    {
        _shims = shims;
        _services = services;
        _activity = activity;
        Name = activity.Name;
        Version = "";
    }

    public override TaskActivity Create() =>
        _shims.CreateActivity(new TaskName(Name), (ITaskActivity)_services.GetRequiredService(_activity));
}
