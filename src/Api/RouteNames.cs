namespace GenImageFactory.Api;

/// <summary>
/// The name of every route of <see cref="ApiRoutes"/>: its endpoint name in the Server and its function
/// name in the Functions app. Both refer to these constants, so a typo is a compile error, not a missing route.
/// </summary>
public static class RouteNames
{
    // ConfigurationsApi
    public const string ListConfigurations = nameof(ListConfigurations);
    public const string CreateConfiguration = nameof(CreateConfiguration);
    public const string GetConfiguration = nameof(GetConfiguration);
    public const string UpdateConfiguration = nameof(UpdateConfiguration);
    public const string DeleteConfiguration = nameof(DeleteConfiguration);

    // EstimateApi
    public const string EstimateJob = nameof(EstimateJob);

    // ExportsApi
    public const string ExportJob = nameof(ExportJob);
    public const string ExportJobs = nameof(ExportJobs);
    public const string ExportGallery = nameof(ExportGallery);
    public const string ExportStockCsv = nameof(ExportStockCsv);

    // HealthApi
    public const string GetHealth = nameof(GetHealth);

    // ImageRetryApi
    public const string RetryImages = nameof(RetryImages);

    // ImagesApi
    public const string ListImages = nameof(ListImages);
    public const string ApproveImage = nameof(ApproveImage);
    public const string RejectImage = nameof(RejectImage);
    public const string DeleteImage = nameof(DeleteImage);
    public const string GetImage = nameof(GetImage);
    public const string GetImageContent = nameof(GetImageContent);

    // JobActionsApi
    public const string RenameJob = nameof(RenameJob);
    public const string RerunJobs = nameof(RerunJobs);
    public const string RerunJob = nameof(RerunJob);
    public const string CancelJob = nameof(CancelJob);
    public const string DeleteJobs = nameof(DeleteJobs);
    public const string DeleteJob = nameof(DeleteJob);

    // JobsApi
    public const string StartJob = nameof(StartJob);
    public const string ListJobs = nameof(ListJobs);
    public const string GetJob = nameof(GetJob);
    public const string ListJobImages = nameof(ListJobImages);
    public const string GetJobLogs = nameof(GetJobLogs);

    // OperationsApi
    public const string GetOperation = nameof(GetOperation);

    // ProvidersApi
    public const string ListProviders = nameof(ListProviders);

    // SchedulesApi
    public const string ListSchedules = nameof(ListSchedules);
    public const string CreateSchedule = nameof(CreateSchedule);
    public const string GetSchedule = nameof(GetSchedule);
    public const string DeleteSchedule = nameof(DeleteSchedule);

    // StatsApi
    public const string GetStats = nameof(GetStats);

    // WebhooksApi
    public const string ReceiveProviderWebhook = nameof(ReceiveProviderWebhook);
}
