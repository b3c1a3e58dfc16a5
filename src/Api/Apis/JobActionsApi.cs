using GenImageFactory.Api.Contracts;
using GenImageFactory.Pipeline.Jobs;
using GenImageFactory.Domain.Jobs;
using GenImageFactory.Pipeline.Models;

namespace GenImageFactory.Api.Apis;

/// <summary>What a user does to one job after it started: rename, rerun, delete.</summary>
public static class JobActionsApi
{
    /// <summary>This API's part of the route table both hosts map (<see cref="ApiRoutes"/>).</summary>
    public static IEnumerable<ApiRoute> Routes =>
    [
        new(RouteNames.RenameJob, "PATCH", "/api/jobs/" + RouteIds.Job, RenameAsync, "Jobs", "Rename a job ({\"label\": \"...\"}).") { Body = typeof(RenameJobRequest) },
        new(RouteNames.RerunJobs, "POST", "/api/jobs/rerun", RerunManyAsync, "Jobs", "Rerun several jobs ({\"jobIds\": [...]}): 202 with an operation that reports the new job ids.") { Body = typeof(JobIdsRequest) },
        new(RouteNames.RerunJob, "POST", "/api/jobs/" + RouteIds.Job + "/rerun", RerunAsync, "Jobs", "A new job from this job's current configuration (its snapshot if it has none), or, with a body {\"configuration\": {...}}, from that modified configuration (edit and rerun); the original stays untouched.") { MaxBodyBytes = ApiRoute.ConfigurationBodyBytes, Body = typeof(RerunJobRequest), BodyRequired = false },
        new(RouteNames.CancelJob, "POST", "/api/jobs/" + RouteIds.Job + "/cancel", CancelAsync, "Jobs", "Stop a running job; images already stored stay."),
        new(RouteNames.DeleteJobs, "POST", "/api/jobs/delete", DeleteManyAsync, "Jobs", "Delete several jobs ({\"jobIds\": [...]}); running or unknown ones are listed as rejected.") { Body = typeof(JobIdsRequest) },
        new(RouteNames.DeleteJob, "DELETE", "/api/jobs/" + RouteIds.Job, DeleteAsync, "Jobs", "Delete a job: record, images, blobs, log and history (409 while it runs)."),
    ];

    public static async Task<Results<Ok<JobResponse>, ValidationProblem, ProblemHttpResult>> RenameAsync(
        string id, HttpRequest request, IJobStore jobs, ApiLinks links, CancellationToken cancellationToken)
    {
        var label = await JobRequestReaders.ReadLabelAsync(request, cancellationToken);
        var errors = label is null
            ? RequestJson.BodyErrors(request, "label", $"Is required: a string of 1-{ConfigurationReader.MaxLabelLength} characters.")
            : new ValidationErrors();
        ApiLookups.CheckJobId(id, errors);
        if (label is { Length: 0 })
        {
            errors.Add("label", $"Is required: 1-{ConfigurationReader.MaxLabelLength} characters, not only spaces.");
        }
        else if (label is { Length: > ConfigurationReader.MaxLabelLength })
        {
            errors.Add("label", $"Must be at most {ConfigurationReader.MaxLabelLength} characters.");
        }
        else if (label is not null && ConfigurationReader.HasControlCharacters(label))
        {
            errors.Add("label", ConfigurationReader.NoControlCharacters);
        }
        if (!errors.IsEmpty)
        {
            return ApiProblems.Invalid(errors);
        }
        if (await ApiLookups.MissingJobAsync(id, jobs, cancellationToken) is { } missing)
        {
            return missing;
        }
        await jobs.UpdateAsync(id, new JobUpdate { Label = label }, cancellationToken);
        return TypedResults.Ok(JobResponse.From((await jobs.GetAsync(id, cancellationToken))!, links));
    }

    public static async Task<Results<Accepted<StartedResponse>, ValidationProblem, ProblemHttpResult>> RerunAsync(
        string id, HttpRequest request, JobReruns reruns, IImageProviders providers, ApiLinks links, CancellationToken cancellationToken)
    {
        if (ApiLookups.InvalidJobId(id) is { } invalid)
        {
            return invalid;
        }
        var (changed, problem) = await JobRequestReaders.ReadRerunJobAsync(request, providers, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }
        var job = await reruns.RerunAsync(id, cancellationToken, changed: changed);
        if (job is null)
        {
            return ApiLookups.JobNotFound(id);
        }
        var statusUrl = links.Job(job.Id);
        return TypedResults.Accepted(statusUrl, new StartedResponse(job.Id, statusUrl));
    }

    /// <summary>Bulk rerun: a durable operation starts one new job per id; its status URL reports the new ids.</summary>
    public static async Task<Results<Accepted<StartedResponse>, ValidationProblem>> RerunManyAsync(
        HttpRequest request, IWorkflowClient workflow, TimeProvider time, ApiLinks links, CancellationToken cancellationToken)
    {
        if (await JobRequestReaders.ReadJobIdsAsync(request, cancellationToken) is not { } ids)
        {
            return JobRequestReaders.InvalidJobIds();
        }
        var operationId = OperationsApi.NewId(OperationsApi.RerunKind, time.GetUtcNow());
        await workflow.StartRerunsAsync(operationId, ids, cancellationToken);
        var statusUrl = links.Operation(operationId);
        return TypedResults.Accepted(statusUrl, new StartedResponse(operationId, statusUrl));
    }

    public static async Task<Results<Ok<JobResponse>, ValidationProblem, ProblemHttpResult>> CancelAsync(
        string id, JobCancellation cancellation, IJobStore jobs, ApiLinks links, CancellationToken cancellationToken)
    {
        if (ApiLookups.InvalidJobId(id) is { } invalid)
        {
            return invalid;
        }
        return await cancellation.CancelAsync(id, cancellationToken) switch
        {
            JobCancellationResult.Cancelled => TypedResults.Ok(JobResponse.From((await jobs.GetAsync(id, cancellationToken))!, links)),
            JobCancellationResult.AlreadyEnded => ApiProblems.Conflict($"Job '{id}' has already ended."),
            _ => ApiLookups.JobNotFound(id),
        };
    }

    public static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> DeleteAsync(
        string id, JobDeletion deletion, CancellationToken cancellationToken)
    {
        if (ApiLookups.InvalidJobId(id) is { } invalid)
        {
            return invalid;
        }
        return await deletion.DeleteAsync(id, cancellationToken) switch
        {
            JobDeletionResult.Deleted => TypedResults.NoContent(),
            JobDeletionResult.StillRunning => ApiProblems.Conflict($"Job '{id}' is still running; cancel it or wait for it to end before deleting it."),
            _ => ApiLookups.JobNotFound(id),
        };
    }

    public static async Task<Results<Ok<BulkDeleteResponse>, ValidationProblem>> DeleteManyAsync(
        HttpRequest request, JobDeletion deletion, CancellationToken cancellationToken)
    {
        if (await JobRequestReaders.ReadJobIdsAsync(request, cancellationToken) is not { } ids)
        {
            return JobRequestReaders.InvalidJobIds();
        }
        var deleted = new List<string>();
        var rejected = new List<RejectedJob>();
        foreach (var id in ids)
        {
            if (!JobId.IsValid(id))
            {
                rejected.Add(new RejectedJob(id, RejectionReasons.NotAJobId));
                continue;
            }
            var result = await deletion.DeleteAsync(id, cancellationToken);
            if (result == JobDeletionResult.Deleted)
            {
                deleted.Add(id);
            }
            else
            {
                rejected.Add(new RejectedJob(id, result == JobDeletionResult.StillRunning ? RejectionReasons.StillRunning : RejectionReasons.NotFound));
            }
        }
        return TypedResults.Ok(new BulkDeleteResponse(deleted, rejected));
    }

    public const int MaxBulkJobs = 500;
}

public sealed record RejectedJob(string Id, string Reason);

public sealed record BulkDeleteResponse(IReadOnlyList<string> Deleted, IReadOnlyList<RejectedJob> Rejected);
