using GenImageFactory.Pipeline.Generations;
using GenImageFactory.Pipeline.Models;
using Microsoft.DurableTask;

namespace GenImageFactory.Pipeline.Activities;

public sealed record StoreGenerationImagesRequest(GenerationTarget Target, ProviderTaskStatus Completed);

/// <summary>Stores the images of a task that completed on submit (synchronous providers).</summary>
public sealed class StoreGenerationImagesActivity(GenerationImageStore store) : TaskActivity<StoreGenerationImagesRequest, StoredImages>
{
    public override Task<StoredImages> RunAsync(TaskActivityContext context, StoreGenerationImagesRequest input) =>
        store.StoreAsync(input.Target, input.Completed);
}
