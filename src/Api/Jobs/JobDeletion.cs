using GenImageFactory.Api.Images;
using GenImageFactory.Domain.Jobs;

namespace GenImageFactory.Api.Jobs;

public enum JobDeletionResult
{
    Deleted,
    NotFound,
    StillRunning,
}

/// <summary>Deletes a job whole: index rows, blobs, image records, log, durable history, then the record itself.</summary>
public sealed class JobDeletion(IJobStore jobs, IImageRecordStore images, IImageBlobStore blobs, IJobLogStore logs, IWorkflowClient workflow, ImageReviewActions review)
{
    public async Task<JobDeletionResult> DeleteAsync(string jobId, CancellationToken cancellationToken)
    {
        var job = await jobs.GetAsync(jobId, cancellationToken);
        if (job is null)
        {
            return JobDeletionResult.NotFound;
        }
        if (job.Status is JobStatus.Pending or JobStatus.Running)
        {
            return JobDeletionResult.StillRunning;
        }

        await review.UnindexJobAsync(jobId, cancellationToken);
        await blobs.DeleteJobAsync(jobId, cancellationToken);
        await images.DeleteJobAsync(jobId, cancellationToken);
        await logs.DeleteJobAsync(jobId, cancellationToken);
        await workflow.PurgeJobAsync(jobId, job.TotalGenerations, cancellationToken);
        // The record goes last: a delete that fails half-way can be repeated.
        await jobs.DeleteAsync(jobId, cancellationToken);
        return JobDeletionResult.Deleted;
    }
}
