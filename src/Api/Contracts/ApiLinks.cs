namespace GenImageFactory.Api.Contracts;

/// <summary>Absolute URLs of resources, built from the request the client made (so they work behind its host name).</summary>
public sealed class ApiLinks(IHttpContextAccessor accessor)
{
    private string Base
    {
        get
        {
            var request = accessor.HttpContext?.Request;
            return request is null ? "" : $"{request.Scheme}://{request.Host}{request.PathBase}";
        }
    }

    public string Job(string jobId) => $"{Base}/api/jobs/{jobId}";

    public string Configuration(string configurationId) => $"{Base}/api/configurations/{configurationId}";

    public string Schedule(string scheduleId) => $"{Base}/api/schedules/{scheduleId}";

    public string Operation(string operationId) => $"{Base}/api/operations/{operationId}";

    public string JobImages(string jobId) => $"{Base}/api/jobs/{jobId}/images";

    public string ImageContent(string imageId) => $"{Base}/api/images/{imageId}/content";
}
