using System.Text.Json;
using GenImageFactory.Server.Tests.Support;

namespace GenImageFactory.Server.Tests;

/// <summary>
/// A Server without a worker (<c>Durable:RunWorker</c> false) is an API front end: the jobs it accepts wait on the
/// task hub until a Server with a worker runs them, and it reads their progress like any other.
/// </summary>
public class ApiFrontEndTests(ApiOnlyFixture factory) : IClassFixture<ApiOnlyFixture>
{
    [Fact]
    public async Task AJobAcceptedByAServerWithoutAWorker_IsRunByAWorkerOnTheSameHub()
    {
        var jobId = await factory.Client.StartJobAsync(Configurations.ProviderOnlyJob(2, "signal tower"));
        var accepted = await factory.Client.GetJobAsync(jobId);

        var worker = await factory.StartAnotherServerAsync(new Dictionary<string, string?> { ["Durable:RunWorker"] = "true" });
        JsonElement job;
        try
        {
            job = await factory.Client.WaitForJobAsync(jobId, TimeSpan.FromMinutes(3));
        }
        finally
        {
            await worker.StopAsync();
            await worker.DisposeAsync();
        }

        Assert.NotEqual("completed", accepted.GetProperty("status").GetString());
        Assert.Equal("completed", job.GetProperty("status").GetString());
        Assert.Equal(8, job.GetProperty("totalImages").GetInt32());
        Assert.Equal(8, (await factory.Client.ListImagesAsync(jobId)).Count);
        var frontEnd = await EngineDiagnostics.CountersAsync(factory.Http);
        Assert.Equal(0, frontEnd.ActivityExecutions);
        Assert.Equal(0, frontEnd.OrchestrationEpisodes);
    }
}
