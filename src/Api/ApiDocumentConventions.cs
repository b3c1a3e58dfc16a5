using System.Text.Json.Nodes;
using GenImageFactory.Api.Apis;
using GenImageFactory.Api.Contracts;
using GenImageFactory.Domain.Jobs;
using GenImageFactory.Pipeline.Models;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace GenImageFactory.Api;

/// <summary>
/// What the OpenAPI document says beyond what ApiExplorer infers from the handlers: each route's request body
/// (<see cref="ApiRoute.Body"/>; handlers read their bodies themselves, so none is inferred), the key schemes and
/// which operations need a key, the Server's 400 for a Host it does not serve, tag descriptions, and server URLs without a trailing slash. Documentation only:
/// nothing here changes how a request is answered. Both hosts run it, so both serve the same document.
/// </summary>
internal static class ApiDocumentConventions
{
    /// <summary>The Server's optional key (<c>Api__Key</c>), sent as <c>x-api-key</c>.</summary>
    public const string ApiKeyScheme = "apiKey";

    /// <summary>An Azure Functions function key, sent as <c>x-functions-key</c>.</summary>
    public const string FunctionKeyScheme = "functionKey";

    private static readonly Dictionary<string, string> TagDescriptions = new(StringComparer.Ordinal)
    {
        ["Health"] = "Readiness of storage and the durable worker.",
        ["Configurations"] = "Saved job configurations, with ETags for optimistic concurrency.",
        ["Jobs"] = "Start, list, follow, rename, rerun, cancel and delete jobs.",
        ["Stats"] = "Totals over all jobs.",
        ["Images"] = "Generated images: gallery, review and retries.",
        ["Exports"] = "Workbooks, ZIP archives and the stock-site CSV.",
        ["Schedules"] = "Saved configurations started on a cron expression.",
        ["Settings"] = "Providers, their models and what they need.",
        ["Webhooks"] = "Providers calling back when a task ends.",
    };

    /// <summary>The files routes answer with (typed file results carry no response metadata), by route.</summary>
    private static readonly Dictionary<string, (string Description, string[] MediaTypes)> Files = new(StringComparer.Ordinal)
    {
        [RouteNames.GetImageContent] = ("The image.", ["image/png", "image/jpeg", "image/webp"]),
        [RouteNames.ExportJob] = ("The job's workbook.", ["application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"]),
        [RouteNames.ExportJobs] = ("A ZIP of one workbook per job and summary.xlsx.", ["application/zip"]),
        [RouteNames.ExportGallery] = ("A ZIP of images/ and metadata.xlsx.", ["application/zip"]),
        [RouteNames.ExportStockCsv] = ("The stock-site CSV.", ["text/csv"]),
    };

    /// <summary>Example bodies, by request type.</summary>
    private static readonly Dictionary<Type, string> Examples = new()
    {
        [typeof(StartJobRequest)] = """{"configuration": {"keywords": "red fox\nsnowy owl", "parameters": {"label": "Winter animals", "provider": "runware", "count": 4, "aspectRatios": ["1:1", "16:9"]}}}""",
        [typeof(EstimateJobRequest)] = """{"configuration": {"keywords": "red fox\nsnowy owl", "parameters": {"count": 40}}}""",
        [typeof(ConfigurationRequest)] = """{"name": "winter-animals", "keywords": "red fox\nsnowy owl", "parameters": {"provider": "runware", "count": 10}, "processing": {"convertTo": "jpg", "jpgQuality": 90}}""",
        [typeof(RenameJobRequest)] = """{"label": "Winter animals, second try"}""",
        [typeof(JobIdsRequest)] = """{"jobIds": ["2516064665244723439-399a24b7"]}""",
        [typeof(RetryImagesRequest)] = """{"ids": ["2516064665244723439-399a24b7-g0001-i01"], "settings": "original", "regenerateMetadata": false}""",
        [typeof(CreateScheduleRequest)] = """{"configurationId": "3f2a9c0d5e6b4a718293a4b5c6d7e8f9", "cron": "0 6 * * *", "enabled": true}""",
    };

    public static OpenApiOptions AddApiConventions(this OpenApiOptions options) =>
        options.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = ApiDocument.Title;
            document.Info.Description = "Generates, checks, post-processes and exports stock images in jobs. Errors are RFC 7807 problem documents; "
                + "a 400 names every invalid field under errors.";
            // The factory is not open source: its clients may call the API, not copy it.
            document.Info.License = new OpenApiLicense { Name = "Proprietary", Identifier = "LicenseRef-Proprietary" };
            foreach (var server in document.Servers ?? [])
            {
                server.Url = server.Url?.TrimEnd('/');
            }
            foreach (var tag in document.Tags ?? Enumerable.Empty<OpenApiTag>())
            {
                tag.Description ??= TagDescriptions.GetValueOrDefault(tag.Name ?? "");
            }
            document.Components ??= new OpenApiComponents();
            foreach (var (name, schema) in document.Components.Schemas ?? new Dictionary<string, IOpenApiSchema>())
            {
                if (schema is OpenApiSchema concrete)
                {
                    Tidy(concrete, answer: name.EndsWith("Response", StringComparison.Ordinal));
                }
            }
            foreach (var ((schemaName, property), values) in Choices)
            {
                if (document.Components.Schemas is { } schemas && schemas.TryGetValue(schemaName, out var owner)
                    && owner is OpenApiSchema { Properties: { } properties } && properties.TryGetValue(property, out var found)
                    && found is OpenApiSchema choice)
                {
                    // A request may leave the field out instead of sending null; an answer always sends one of them.
                    choice.Type = JsonSchemaType.String;
                    choice.Enum = EnumOf(values);
                }
            }
            // RFC 7807's members, for the problems that name no field (404, 409, 412, 413, 415).
            document.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>();
            document.Components.Schemas.TryAdd("ProblemDetails", new OpenApiSchema
            {
                Type = JsonSchemaType.Object,
                Properties = new Dictionary<string, IOpenApiSchema>
                {
                    ["type"] = new OpenApiSchema { Type = JsonSchemaType.String | JsonSchemaType.Null },
                    ["title"] = new OpenApiSchema { Type = JsonSchemaType.String | JsonSchemaType.Null },
                    ["status"] = new OpenApiSchema { Type = JsonSchemaType.Integer | JsonSchemaType.Null, Format = "int32" },
                    ["detail"] = new OpenApiSchema { Type = JsonSchemaType.String | JsonSchemaType.Null },
                    ["instance"] = new OpenApiSchema { Type = JsonSchemaType.String | JsonSchemaType.Null },
                },
            });
            document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
            document.Components.SecuritySchemes[ApiKeyScheme] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.ApiKey,
                In = ParameterLocation.Header,
                Name = "x-api-key",
                Description = "The Server's key, needed once it is started with Api__Key.",
            };
            document.Components.SecuritySchemes[FunctionKeyScheme] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.ApiKey,
                In = ParameterLocation.Header,
                Name = "x-functions-key",
                Description = "A function key of the Azure Functions app (the ?code= query parameter works too).",
            };
            // Either key will do: each host reads its own.
            List<OpenApiSecurityRequirement> keyed =
            [
                new() { [new OpenApiSecuritySchemeReference(ApiKeyScheme, document)] = [] },
                new() { [new OpenApiSecuritySchemeReference(FunctionKeyScheme, document)] = [] },
            ];

            foreach (var operation in (document.Paths ?? []).Values.SelectMany(path => path.Operations?.Values ?? Enumerable.Empty<OpenApiOperation>()))
            {
                var route = ApiRoutes.All.FirstOrDefault(r => r.Name == operation.OperationId);
                if (route is null)
                {
                    continue;
                }
                operation.Security = route.Anonymous ? [] : [.. keyed];
                if (!route.Anonymous)
                {
                    operation.Responses ??= new OpenApiResponses();
                    operation.Responses["401"] = Problem("The API key (x-api-key) or function key (x-functions-key) is missing or wrong.", "ProblemDetails", document);
                }
                DescribeParameters(route, operation);
                // The Server refuses a Host it does not serve (400, before any route): said where a route names no 400 of its own.
                operation.Responses ??= new OpenApiResponses();
                operation.Responses.TryAdd("400", new OpenApiResponse
                {
                    Description = "The Server does not answer for the request's Host (its AllowedHosts setting).",
                    Content = new Dictionary<string, OpenApiMediaType>
                    {
                        ["application/problem+json"] = new() { Schema = new OpenApiSchemaReference("HttpValidationProblemDetails", document) },
                    },
                });
                foreach (var (status, description) in ProblemsOf(route))
                {
                    // The refusals before any route (403 cross-site, 414, 415, 431) carry the field they name, as a 400 does.
                    operation.Responses.TryAdd(status, Problem(description, status is "403" or "414" or "415" or "431" ? "HttpValidationProblemDetails" : "ProblemDetails", document));
                }
                if (operation.Responses.TryGetValue("503", out var unavailable) && unavailable is OpenApiResponse { Content: not null } busy
                    && busy.Content.ContainsKey("application/problem+json"))
                {
                    busy.Headers ??= new Dictionary<string, IOpenApiHeader>();
                    busy.Headers["Retry-After"] = new OpenApiHeader
                    {
                        Description = "Seconds to wait before trying again.",
                        Schema = new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int32" },
                    };
                }
                foreach (var (status, response) in operation.Responses)
                {
                    if (status is "201" or "202" && route.Name != RouteNames.ReceiveProviderWebhook && response is OpenApiResponse created)
                    {
                        created.Headers ??= new Dictionary<string, IOpenApiHeader>();
                        created.Headers["Location"] = new OpenApiHeader
                        {
                            Description = status == "201" ? "The URL of what was created." : "The URL to follow: the new job, or the operation.",
                            Schema = new OpenApiSchema { Type = JsonSchemaType.String, Format = "uri" },
                        };
                    }
                    if (Versioned.Contains(route.Name) && status is "200" or "201" && response is OpenApiResponse versioned)
                    {
                        versioned.Headers ??= new Dictionary<string, IOpenApiHeader>();
                        versioned.Headers["ETag"] = new OpenApiHeader
                        {
                            Description = "The configuration's version, for If-Match.",
                            Schema = new OpenApiSchema { Type = JsonSchemaType.String },
                        };
                    }
                }
                if (route.Name == RouteNames.GetJobLogs && operation.Responses.TryGetValue("200", out var logs) && logs is OpenApiResponse lines)
                {
                    lines.Content ??= new Dictionary<string, OpenApiMediaType>();
                    lines.Content["text/plain"] = new OpenApiMediaType { Schema = new OpenApiSchema { Type = JsonSchemaType.String } };
                    NameTheFile(lines, "With format=text: attachment, with the log file's name.");
                }
                if (Files.TryGetValue(route.Name, out var file))
                {
                    operation.Responses ??= new OpenApiResponses();
                    var download = new OpenApiResponse
                    {
                        Description = file.Description,
                        Content = file.MediaTypes.ToDictionary(type => type, _ => new OpenApiMediaType
                        {
                            Schema = new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary" },
                        }),
                    };
                    NameTheFile(download, "The file's name.");
                    operation.Responses["200"] = download;
                }
                if (route.Body is { } body && Examples.TryGetValue(body, out var example)
                    && operation.RequestBody?.Content is { } content && content.TryGetValue("application/json", out var json))
                {
                    json.Example = JsonNode.Parse(example);
                }
            }
            return Task.CompletedTask;
        })
        .AddDocumentTransformer(TypeTheLooseFieldsAsync);

    /// <summary>
    /// Fields the handlers read or write as free JSON, typed for a generated client: an operation's <c>result</c> (a
    /// bulk rerun's or an image retry's), a retry's <c>settings</c> (<c>"original"</c> or processing settings); and every
    /// problem's <c>traceId</c>. A transformer of its own: only it needs the generator's schemas of other types.
    /// </summary>
    private static async Task TypeTheLooseFieldsAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Components ??= new OpenApiComponents();
        var schemas = document.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>();
        async Task<IOpenApiSchema> ComponentAsync(Type type)
        {
            if (!schemas.ContainsKey(type.Name))
            {
                schemas[type.Name] = await context.GetOrCreateSchemaAsync(type, cancellationToken: cancellationToken);
            }
            return new OpenApiSchemaReference(type.Name, document);
        }
        OpenApiSchema? Named(string name) => schemas.TryGetValue(name, out var schema) ? schema as OpenApiSchema : null;
        if (Named("OperationResponse") is { Properties: { } answer })
        {
            answer["result"] = new OpenApiSchema
            {
                Description = "Once completed: a bulk rerun's jobs started and rejected, or an image retry's images retried and rejected; null before.",
                OneOf = [new OpenApiSchema { Type = JsonSchemaType.Null }, await ComponentAsync(typeof(Pipeline.Orchestrations.RerunJobsResult)),
                    await ComponentAsync(typeof(Pipeline.Orchestrations.RetryImagesResult))],
            };
        }
        if (Named("RetryImagesRequest") is { Properties: { } retry } && schemas.ContainsKey("ProcessingSettingsRequest"))
        {
            retry["settings"] = new OpenApiSchema
            {
                Description = "\"original\" (the default: each job's own settings), or the processing settings to change.",
                OneOf = [new OpenApiSchema { Type = JsonSchemaType.String, Enum = EnumOf(["original"]) }, new OpenApiSchemaReference("ProcessingSettingsRequest", document)],
            };
        }
        foreach (var name in new[] { "ProblemDetails", "HttpValidationProblemDetails" })
        {
            if (Named(name) is { Properties: { } problem })
            {
                problem["traceId"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "The request's trace, for the operator's logs." };
            }
        }
    }

    private static List<JsonNode> EnumOf(IEnumerable<string> values) => [.. values.Select(v => (JsonNode)JsonValue.Create(v))];

    private static void NameTheFile(OpenApiResponse download, string description)
    {
        download.Headers ??= new Dictionary<string, IOpenApiHeader>();
        download.Headers["Content-Disposition"] = new OpenApiHeader { Description = description, Schema = new OpenApiSchema { Type = JsonSchemaType.String } };
    }

    /// <summary>
    /// String fields with a closed set of values, by schema and property: the readers refuse anything else (400 naming
    /// the field) and the answers send nothing else, so a generated client can type them as enumerations.
    /// </summary>
    private static readonly Dictionary<(string Schema, string Property), IReadOnlyList<string>> Choices = new()
    {
        [("JobResponse", "status")] = JobStatus.All,
        [("JobResponse", "phase")] = JobPhase.All,
        [("ImageResponse", "qcStatus")] = ImageQcStatus.All,
        [("LogEntryResponse", "level")] = JobLogLevel.All,
        [("OperationResponse", "status")] = Pipeline.Ports.OperationState.Statuses,
        [("HealthResponse", "status")] = HealthApi.Statuses,
        [("GenerationParameters", "provider")] = ConfigurationDefaults.Providers,
        [("GenerationParametersRequest", "provider")] = ConfigurationDefaults.Providers,
        [("JobEstimate", "provider")] = ConfigurationDefaults.Providers,
        [("GenerationParameters", "processMode")] = ConfigurationDefaults.ProcessModes,
        [("GenerationParametersRequest", "processMode")] = ConfigurationDefaults.ProcessModes,
        [("ConfigurationRequest", "keywordsFormat")] = ConfigurationDefaults.KeywordsFormats,
        [("ConfigurationResponse", "keywordsFormat")] = ConfigurationDefaults.KeywordsFormats,
        [("JobConfiguration", "keywordsFormat")] = ConfigurationDefaults.KeywordsFormats,
        [("ProcessingSettings", "removeBgSize")] = ConfigurationDefaults.RemoveBgSizes,
        [("ProcessingSettingsRequest", "removeBgSize")] = ConfigurationDefaults.RemoveBgSizes,
        [("ProcessingSettings", "convertTo")] = ConfigurationDefaults.ConvertFormats,
        [("ProcessingSettingsRequest", "convertTo")] = ConfigurationDefaults.ConvertFormats,
        [("ProcessingSettings", "jpgBackground")] = ConfigurationDefaults.JpgBackgrounds,
        [("ProcessingSettingsRequest", "jpgBackground")] = ConfigurationDefaults.JpgBackgrounds,
    };

    /// <summary>Query parameters with a closed set of values, by name and route.</summary>
    private static IReadOnlyList<string>? QueryChoices(ApiRoute route, string parameter) => parameter switch
    {
        "status" when route.Name == RouteNames.ListJobs => JobStatus.All,
        "qcStatus" => ImageQcStatus.All,
        "level" when route.Name == RouteNames.GetJobLogs => JobLogLevel.All,
        "format" when route.Name == RouteNames.GetJobLogs => ["json", "text"],
        _ => null,
    };

    /// <summary>The routes that answer with a configuration and its ETag.</summary>
    private static readonly HashSet<string> Versioned = [RouteNames.GetConfiguration, RouteNames.CreateConfiguration, RouteNames.UpdateConfiguration];

    private static OpenApiResponse Problem(string description, string schema, OpenApiDocument document) => new()
    {
        Description = description,
        Content = new Dictionary<string, OpenApiMediaType>
        {
            ["application/problem+json"] = new() { Schema = new OpenApiSchemaReference(schema, document) },
        },
    };

    /// <summary>
    /// Query parameters as what they are: the handlers bind them as text to answer a bad value with a 400 naming it, so
    /// the generator sees strings. And the If-Match header the configuration writes honour.
    /// </summary>
    private static void DescribeParameters(ApiRoute route, OpenApiOperation operation)
    {
        foreach (var parameter in (operation.Parameters ?? []).OfType<OpenApiParameter>())
        {
            switch (parameter.Name)
            {
                case "limit":
                    parameter.Description = $"Items per page, 1-{Paging.MaxLimit} (default {Paging.DefaultLimit}).";
                    parameter.Schema = new OpenApiSchema
                    {
                        Type = JsonSchemaType.Integer, Format = "int32", Minimum = "1", Maximum = Paging.MaxLimit.ToString(System.Globalization.CultureInfo.InvariantCulture),
                        Default = JsonValue.Create(Paging.DefaultLimit),
                    };
                    break;
                case "from" or "to" or "after":
                    parameter.Description = "An ISO 8601 date or time, e.g. 2026-11-25 or 2026-11-25T14:00:00Z.";
                    parameter.Schema = new OpenApiSchema { Type = JsonSchemaType.String, Format = "date-time", Pattern = Apis.JobsApi.IsoDateOrTimePattern };
                    break;
                case "q":
                    parameter.Description = $"Search words (at most {Images.ImageFilter.MaxQueryLength} characters).";
                    parameter.Schema = new OpenApiSchema { Type = JsonSchemaType.String, MaxLength = Images.ImageFilter.MaxQueryLength };
                    break;
                case { } name when QueryChoices(route, name) is { } values:
                    parameter.Schema = new OpenApiSchema { Type = JsonSchemaType.String, Enum = EnumOf(values) };
                    break;
            }
        }
        if (route.Name is RouteNames.UpdateConfiguration or RouteNames.DeleteConfiguration)
        {
            AddHeader(operation, "If-Match", "The ETag the configuration was read with (several may be listed); left out or *, any version.");
        }
        if (route.Name == RouteNames.ReceiveProviderWebhook)
        {
            foreach (var parameter in (operation.Parameters ?? []).OfType<OpenApiParameter>().Where(p => p.Name == "instance"))
            {
                parameter.Required = true;
            }
            AddHeader(operation, "x-webhook-secret", "PiAPI's calls: the secret this deployment gave with the task (Runware's carry a token in the URL instead).");
        }
    }

    private static void AddHeader(OpenApiOperation operation, string name, string description)
    {
        operation.Parameters ??= [];
        operation.Parameters.Add(new OpenApiParameter
        {
            Name = name,
            In = ParameterLocation.Header,
            Description = description,
            Schema = new OpenApiSchema { Type = JsonSchemaType.String },
        });
    }

    /// <summary>Conflicts a route may answer with (409), by route.</summary>
    private static readonly Dictionary<string, string> Conflicts = new(StringComparer.Ordinal)
    {
        [RouteNames.CreateConfiguration] = "Another configuration has this name.",
        [RouteNames.UpdateConfiguration] = "Another configuration has this name.",
        [RouteNames.CancelJob] = "The job has already ended.",
        [RouteNames.DeleteJob] = "The job is still running: cancel it first.",
    };

    /// <summary>
    /// The problem documents a route may answer with besides 400 and 401: handlers answer them as problem results,
    /// which carry no status for the document to infer.
    /// </summary>
    private static IEnumerable<(string Status, string Description)> ProblemsOf(ApiRoute route)
    {
        if (route.Name == RouteNames.ReceiveProviderWebhook)
        {
            yield return ("401", "The call's secret (x-webhook-secret) or token is missing or wrong, or this provider's webhooks are off.");
        }
        if (route.Pattern.Contains('{', StringComparison.Ordinal))
        {
            yield return ("404", "Nothing that the path names exists.");
        }
        else if (route.Name == RouteNames.StartJob)
        {
            yield return ("404", "No saved configuration has the configurationId given.");
        }
        if (Conflicts.TryGetValue(route.Name, out var conflict))
        {
            yield return ("409", conflict);
        }
        if (route.Name is RouteNames.UpdateConfiguration or RouteNames.DeleteConfiguration)
        {
            yield return ("412", "If-Match names a version that is not the current one: read the configuration again.");
        }
        if (route.Body is not null)
        {
            yield return ("413", $"The body is larger than this operation reads ({route.MaxBodyBytes:N0} bytes).");
        }
        if (route.Method != "GET")
        {
            yield return ("403", "The Server refuses a call from another site's page (its Origin) that would change something.");
            yield return ("415", "A body not sent as application/json in UTF-8, or sent compressed (Content-Encoding).");
        }
        yield return ("414", "The URL is longer than 8,192 characters.");
        yield return ("431", "The headers are longer than 32,768 characters in all, or more than 100 fields.");
        // The health route says so in its own 503 (a HealthResponse).
        yield return ("503", "Storage is down, busy or not ready yet (the host is starting): try again after Retry-After seconds. "
            + "A change the request began may or may not have been made.");
    }

    /// <summary>
    /// Numbers are numbers: the generator allows a numeric string too (<c>["integer", "string"]</c> with a pattern)
    /// because the JSON options would read one, but every answer writes numbers and the request readers want
    /// numbers. In a request, an optional object property is the object's schema, not a <c>oneOf</c> with <c>null</c>
    /// (a null object field counts as left out), which client generators turn into wrapper types. In an answer
    /// (<paramref name="answer"/>, the <c>*Response</c> schemas) a null is sent as null, so it stays said: an image
    /// that failed its check has <c>"metadata": null</c>, and a strict client must expect it.
    /// </summary>
    private static void Tidy(OpenApiSchema schema, bool answer)
    {
        if (schema.Type is { } type && (type & (JsonSchemaType.Integer | JsonSchemaType.Number)) != 0 && (type & JsonSchemaType.String) != 0)
        {
            schema.Type = type & ~JsonSchemaType.String;
            schema.Pattern = null;
        }
        if (schema.Items is OpenApiSchema items)
        {
            Tidy(items, answer);
        }
        if (schema.AdditionalProperties is OpenApiSchema values)
        {
            Tidy(values, answer);
        }
        foreach (var (name, property) in schema.Properties ?? new Dictionary<string, IOpenApiSchema>())
        {
            if (!answer && property is OpenApiSchema { OneOf: [var first, var second] } nullable && IsNull(first) != IsNull(second)
                && nullable.Type is null && nullable.Properties is not { Count: > 0 })
            {
                schema.Properties![name] = IsNull(first) ? second : first;
            }
            else if (property is OpenApiSchema inline)
            {
                Tidy(inline, answer);
            }
        }
    }

    private static bool IsNull(IOpenApiSchema schema) => schema is OpenApiSchema { Type: JsonSchemaType.Null };
}
