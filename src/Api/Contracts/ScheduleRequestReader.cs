using System.Text.Json;
using GenImageFactory.Api.Apis;
using GenImageFactory.Domain.Schedules;

namespace GenImageFactory.Api.Contracts;

/// <summary>
/// The reader of <see cref="CreateScheduleRequest"/>: reads the JSON by hand and answers the request it accepts
/// (its cron in normal form, <c>enabled</c> defaulted), or the 400 that names every field at fault.
/// </summary>
internal static class ScheduleRequestReader
{
    /// <summary>
    /// A schedule of a saved configuration: an unknown configuration is a bad field (400), not a missing
    /// resource, so it is reported together with the body's other errors.
    /// </summary>
    public static async Task<(CreateScheduleRequest? Request, ValidationProblem? Problem)> ReadCreateAsync(
        HttpRequest request, IConfigurationStore configurations, CancellationToken cancellationToken)
    {
        using var body = await RequestJson.ReadAsync(request, cancellationToken);
        if (body?.RootElement is not { ValueKind: JsonValueKind.Object } root)
        {
            return (null, RequestJson.BodyProblem(request, "Must be a JSON object: {\"configurationId\": \"...\", \"cron\": \"0 6 * * *\", \"enabled\": true}."));
        }
        var errors = new ValidationErrors();
        var configurationId = RequestJson.OptionalString(root, "configurationId");
        if (!ConfigurationsApi.IsValidId(configurationId))
        {
            errors.Add("configurationId", "Must be the id of a saved configuration.");
        }
        else if (await configurations.GetAsync(configurationId!, cancellationToken) is null)
        {
            errors.Add("configurationId", $"No saved configuration has the id '{configurationId}'.");
        }
        var cron = CronSchedule.TryParse(RequestJson.OptionalString(root, "cron"), out var cronError);
        if (cron is null)
        {
            errors.Add("cron", cronError!);
        }
        var enabled = RequestJson.OptionalBool(root, "enabled", true, errors);
        return errors.IsEmpty
            ? (new CreateScheduleRequest(configurationId!, cron!.Text, enabled), null)
            : (null, ApiProblems.Invalid(errors));
    }
}
