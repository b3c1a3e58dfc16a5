using GenImageFactory.Pipeline.Images;
using Microsoft.DurableTask;

namespace GenImageFactory.Pipeline.Activities;

/// <param name="FirstGeneration">The first generation filed; <paramref name="Count"/> consecutive ones are.</param>
public sealed record FileBatchImagesRequest(string JobId, int FirstGeneration, int Count);

/// <summary>
/// Files the images of consecutive ended generations in the search index while the batch's others run
/// (<see cref="Orchestrations.RunGenerationBatchOrchestrator.FilingSlice"/>): the filing costs a job's end one slice
/// at most, and a running job's images become searchable a slice at a time. Its answer is the slice it filed, so the
/// batch knows the answer for its own (<see cref="Orchestrations.OwnAnswers"/>).
/// </summary>
public sealed class FileBatchImagesActivity(ImageSearchFiling search) : TaskActivity<FileBatchImagesRequest, FileBatchImagesRequest>
{
    public override async Task<FileBatchImagesRequest> RunAsync(TaskActivityContext context, FileBatchImagesRequest input)
    {
        await search.FileGenerationsAsync(input.JobId, input.FirstGeneration, input.Count, CancellationToken.None);
        return input;
    }
}
