namespace GenImageFactory.Api.Apis;

/// <summary>RFC 7807 problem documents for the errors every API shares.</summary>
public static class ApiProblems
{
    public static ValidationProblem Invalid(ValidationErrors errors) =>
        TypedResults.ValidationProblem(errors.ToDictionary(), title: "The request has invalid fields.");

    public static ValidationProblem Invalid(string field, string message)
    {
        var errors = new ValidationErrors();
        errors.Add(field, message);
        return Invalid(errors);
    }

    public static ProblemHttpResult Conflict(string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "The request conflicts with what is stored.", detail: detail);

    public static ProblemHttpResult PreconditionFailed(string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status412PreconditionFailed, title: "The resource changed since it was read.", detail: detail);

    /// <summary>A request refused before any route read it (its host, origin, media type or size), naming what was wrong.</summary>
    public static ProblemHttpResult Refused(int status, string field, string detail) =>
        TypedResults.Problem(detail: detail, statusCode: status, title: "The request was refused.",
            // ASP.NET Core knows no RFC section for 431 (RFC 6585 defines it): every other refusal gets its type by default.
            type: status == StatusCodes.Status431RequestHeaderFieldsTooLarge ? "https://tools.ietf.org/html/rfc6585#section-5" : null,
            extensions: new Dictionary<string, object?> { ["errors"] = new Dictionary<string, string[]> { [field] = [detail] } });

    public static ProblemHttpResult NotFound(string what) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: $"{what} was not found.");
}
