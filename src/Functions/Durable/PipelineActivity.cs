using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;

namespace GenImageFactory.Functions.Durable;

/// <summary>Runs a Pipeline activity class inside an activity function, with its services from the invocation's scope.</summary>
public static class PipelineActivity
{
    public static Task<TOutput> RunAsync<TActivity, TInput, TOutput>(TInput input, FunctionContext context, DurableTaskClient? client = null)
        where TActivity : TaskActivity<TInput, TOutput>
    {
        if (client is not null)
        {
            context.InstanceServices.GetRequiredService<DurableClientScope>().Client = client;
        }
        var activity = context.InstanceServices.GetRequiredService<TActivity>();
        var instanceId = context.BindingContext.BindingData.TryGetValue("instanceId", out var id) ? id?.ToString() ?? "" : "";
        return activity.RunAsync(new FunctionActivityContext(typeof(TActivity).Name, instanceId), input);
    }

    private sealed class FunctionActivityContext(string name, string instanceId) : TaskActivityContext
    {
        public override TaskName Name => name;
        public override string InstanceId => instanceId;
    }
}
