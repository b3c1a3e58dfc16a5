using GenImageFactory.Pipeline.Images;
using Microsoft.DurableTask;

namespace GenImageFactory.Pipeline.Activities;

/// <param name="FirstGeneration">The batch's first generation; the batch has <paramref name="Count"/>.</param>
public sealed record FileBatchImagesRequest(string JobId, int FirstGeneration, int Count);

/// <summary>
/// Files a finished batch's images in the search index while the job's next batch runs: the filing costs a job's
/// end no more than its last batch, and a running job's images become searchable a batch at a time.
/// </summary>
public sealed class FileBatchImagesActivity(ImageSearchFiling search) : TaskActivity<FileBatchImagesRequest, bool>
{
    public override async Task<bool> RunAsync(TaskActivityContext context, FileBatchImagesRequest input)
    {
        await search.FileGenerationsAsync(input.JobId, input.FirstGeneration, input.Count, CancellationToken.None);
        return true;
    }
}
