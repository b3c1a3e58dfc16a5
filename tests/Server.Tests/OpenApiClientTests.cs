using System.Diagnostics;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using GenImageFactory.Api;
using GenImageFactory.Local;
using GenImageFactory.Server.Tests.Support;

namespace GenImageFactory.Server.Tests;

/// <summary>
/// The served <c>/api/openapi.json</c> is a contract a generated client can use: it passes Redocly's recommended
/// rules, and a Kiota client generated from it starts a job and reads its images from this Server.
/// The tools are the repository's own: <c>@redocly/cli</c> from package.json, Kiota from .config/dotnet-tools.json.
/// </summary>
[LongRunning(45)]
public class OpenApiClientTests(FactoryFixture factory) : IClassFixture<FactoryFixture>
{
    private const string KiotaAbstractionsVersion = "2.1.6";

    [Fact]
    public async Task OpenApiDocument_HasEveryRequestBody_AndTheKeySchemes()
    {
        var document = await factory.Http.GetFromJsonAsync<JsonElement>("api/openapi.json");

        var schemes = document.GetProperty("components").GetProperty("securitySchemes");
        Assert.Equal("x-api-key", schemes.GetProperty("apiKey").GetProperty("name").GetString());
        Assert.Equal("x-functions-key", schemes.GetProperty("functionKey").GetProperty("name").GetString());
        Assert.All(document.GetProperty("servers").EnumerateArray(), s => Assert.False(s.GetProperty("url").GetString()!.EndsWith('/')));
        foreach (var route in ApiRoutes.All)
        {
            var operation = Operation(document, route);
            var security = operation.GetProperty("security");
            Assert.True(route.Anonymous ? security.GetArrayLength() == 0 : security.GetArrayLength() == 2, $"{route.Name}: security {security}");
            if (route.Body is null)
            {
                Assert.False(operation.TryGetProperty("requestBody", out _), $"{route.Name} reads no body");
                continue;
            }
            var body = operation.GetProperty("requestBody");
            Assert.Equal(route.BodyRequired, body.TryGetProperty("required", out var required) && required.GetBoolean());
            Assert.Equal($"#/components/schemas/{route.Body.Name}",
                body.GetProperty("content").GetProperty("application/json").GetProperty("schema").GetProperty("$ref").GetString());
        }
        var health = Operation(document, ApiRoutes.Named(RouteNames.GetHealth)).GetProperty("responses");
        Assert.Equal("#/components/schemas/HealthResponse",
            health.GetProperty("503").GetProperty("content").GetProperty("application/json").GetProperty("schema").GetProperty("$ref").GetString());
        var schemas = document.GetProperty("components").GetProperty("schemas");
        var start = schemas.GetProperty("StartJobRequest").GetProperty("properties");
        Assert.Equal("#/components/schemas/ConfigurationRequest", start.GetProperty("configuration").GetProperty("$ref").GetString());
        // Closed sets of values are enumerations, in answers, requests and query parameters.
        Assert.Equal(Domain.Jobs.JobStatus.All, Values(schemas.GetProperty("JobResponse").GetProperty("properties").GetProperty("status")));
        Assert.Equal(["piapi", "runware", "openai-images"], Values(schemas.GetProperty("GenerationParametersRequest").GetProperty("properties").GetProperty("provider")));
        var logFormat = Operation(document, ApiRoutes.Named(RouteNames.GetJobLogs)).GetProperty("parameters").EnumerateArray().Single(p => p.GetProperty("name").GetString() == "format");
        Assert.Equal(["json", "text"], Values(logFormat.GetProperty("schema")));
        // Free JSON typed: an operation's result is one of the two results, a retry's settings "original" or processing settings.
        var result = schemas.GetProperty("OperationResponse").GetProperty("properties").GetProperty("result").GetProperty("oneOf");
        Assert.Equal(["#/components/schemas/RerunJobsResult", "#/components/schemas/RetryImagesResult"],
            result.EnumerateArray().Where(o => o.TryGetProperty("$ref", out _)).Select(o => o.GetProperty("$ref").GetString()));
        Assert.True(schemas.GetProperty("RetryImagesResult").GetProperty("properties").TryGetProperty("retried", out _));
        var settings = schemas.GetProperty("RetryImagesRequest").GetProperty("properties").GetProperty("settings").GetProperty("oneOf");
        Assert.Equal("#/components/schemas/ProcessingSettingsRequest", settings[1].GetProperty("$ref").GetString());
        Assert.Equal(JsonValueKind.Object, schemas.GetProperty("ProblemDetails").GetProperty("properties").GetProperty("traceId").ValueKind);
        // Every operation says what a refused URL or header block, and storage that is down, answer.
        Assert.All(ApiRoutes.All, route => Assert.True(new[] { "414", "431", "503" }.All(status => Operation(document, route).GetProperty("responses").TryGetProperty(status, out _)), route.Name));
    }

    [Fact]
    public async Task OpenApiDocument_PassesRedoclysRecommendedRules_WithNoErrorOrWarning()
    {
        var directory = Directory.CreateTempSubdirectory("openapi-lint-");
        try
        {
            var path = await SaveDocumentAsync(directory.FullName);
            var redocly = Path.Combine(RepositoryPaths.Root, "node_modules", ".bin", "redocly");
            Assert.True(File.Exists(redocly), $"{redocly} is missing: run 'npm ci'.");

            var (exit, output) = await RunAsync(redocly, ["lint", "--extends", "recommended", "--format", "stylish", path], RepositoryPaths.Root, TimeSpan.FromMinutes(3));

            Assert.True(exit == 0, $"redocly lint exited {exit}:\n{output}");
            Assert.DoesNotMatch(new Regex(@"^\s*\d+:\d+\s+(error|warning)\s", RegexOptions.Multiline), output);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task OpenApiDocument_KiotaClient_StartsAJob_AndReadsItsImages()
    {
        var directory = Directory.CreateTempSubdirectory("openapi-kiota-");
        try
        {
            var path = await SaveDocumentAsync(directory.FullName);
            var project = Path.Combine(directory.FullName, "KiotaClient");
            await RunOkAsync("dotnet", ["tool", "restore"], RepositoryPaths.Root, TimeSpan.FromMinutes(5));
            await RunOkAsync("dotnet", ["kiota", "generate", "--language", "CSharp", "--openapi", path, "--output", Path.Combine(project, "Generated"),
                "--namespace-name", "Factory.Client", "--class-name", "FactoryApiClient", "--log-level", "Warning"], RepositoryPaths.Root, TimeSpan.FromMinutes(3));
            await File.WriteAllTextAsync(Path.Combine(project, "KiotaClient.csproj"), ClientProject);
            await File.WriteAllTextAsync(Path.Combine(project, "Program.cs"), ClientProgram);
            // Nothing of the repository's build settings reaches this folder: it has its own (empty) ones.
            await File.WriteAllTextAsync(Path.Combine(directory.FullName, "Directory.Build.props"), "<Project />");
            await File.WriteAllTextAsync(Path.Combine(directory.FullName, "Directory.Packages.props"), "<Project />");
            await RunOkAsync("dotnet", ["build", project, "-c", "Release", "--nologo", "-o", Path.Combine(project, "out")], directory.FullName, TimeSpan.FromMinutes(10));

            var output = await RunOkAsync("dotnet", [Path.Combine(project, "out", "KiotaClient.dll"), factory.Http.BaseAddress!.ToString().TrimEnd('/')],
                directory.FullName, TimeSpan.FromMinutes(6));

            var result = JsonDocument.Parse(output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Last()).RootElement;
            var jobId = result.GetProperty("jobId").GetString()!;
            // Enumerations both ways: the provider sent as one, the status and the provider read back as ones.
            Assert.Equal("completed", result.GetProperty("status").GetString());
            Assert.Equal("piapi", result.GetProperty("provider").GetString());
            var images = result.GetProperty("images").EnumerateArray().Select(i => i.GetString()).Order().ToList();
            Assert.NotEmpty(images);
            Assert.Equal(result.GetProperty("totalImages").GetInt32(), images.Count);
            var served = (await factory.Client.ListImagesAsync(jobId)).Select(i => i.GetProperty("id").GetString()).Order().ToList();
            Assert.Equal(served, images);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    private static List<string> Values(JsonElement schema) => [.. schema.GetProperty("enum").EnumerateArray().Select(v => v.GetString()!)];

    private static JsonElement Operation(JsonElement document, ApiRoute route)
    {
        var path = Microsoft.AspNetCore.Routing.Patterns.RoutePatternFactory.Parse(route.Pattern);
        var template = "/" + string.Join("/", path.PathSegments.Select(s => string.Concat(s.Parts.Select(p => p switch
        {
            Microsoft.AspNetCore.Routing.Patterns.RoutePatternLiteralPart literal => literal.Content,
            Microsoft.AspNetCore.Routing.Patterns.RoutePatternParameterPart parameter => "{" + parameter.Name + "}",
            _ => "",
        }))));
        return document.GetProperty("paths").GetProperty(template).GetProperty(route.Method.ToLowerInvariant());
    }

    private async Task<string> SaveDocumentAsync(string directory)
    {
        var path = Path.Combine(directory, "openapi.json");
        await File.WriteAllTextAsync(path, await factory.Http.GetStringAsync("api/openapi.json"));
        return path;
    }

    private static async Task<string> RunOkAsync(string file, string[] arguments, string workingDirectory, TimeSpan timeout)
    {
        var (exit, output) = await RunAsync(file, arguments, workingDirectory, timeout);
        Assert.True(exit == 0, $"{file} {string.Join(' ', arguments)} exited {exit}:\n{output}");
        return output;
    }

    /// <returns>The exit code and stdout then stderr; a process still running at the deadline is killed (exit -1).</returns>
    private static async Task<(int Exit, string Output)> RunAsync(string file, string[] arguments, string workingDirectory, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(file)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        // The test host's MSBuild settings would point a nested build at this test run's SDK state.
        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("MSBUILD", StringComparison.OrdinalIgnoreCase) || k == "VSTEST_HOST_DEBUG").ToList())
        {
            start.Environment.Remove(name);
        }
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["KIOTA_TUTORIAL_ENABLED"] = "false";
        start.Environment["KIOTA_CLI_TELEMETRY_OPTOUT"] = "true";
        start.Environment["KIOTA_UPDATE__DISABLED"] = "true";

        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            return (-1, $"timed out after {timeout}\n{await stdout}\n{await stderr}");
        }
        return (process.ExitCode, await stdout + "\n" + await stderr);
    }

    private static readonly string ClientProject = $"""
        <Project Sdk="Microsoft.NET.Sdk">
          <PropertyGroup>
            <OutputType>Exe</OutputType>
            <TargetFramework>net10.0</TargetFramework>
            <Nullable>enable</Nullable>
            <ImplicitUsings>enable</ImplicitUsings>
            <ManagePackageVersionsCentrally>false</ManagePackageVersionsCentrally>
            <TreatWarningsAsErrors>false</TreatWarningsAsErrors>
            <NoWarn>$(NoWarn);CS1591;CS8618;NU1603</NoWarn>
          </PropertyGroup>
          <ItemGroup>
            <PackageReference Include="Microsoft.Kiota.Abstractions" Version="[{KiotaAbstractionsVersion}]" />
            <PackageReference Include="Microsoft.Kiota.Http.HttpClientLibrary" Version="[{KiotaAbstractionsVersion}]" />
            <PackageReference Include="Microsoft.Kiota.Serialization.Json" Version="[{KiotaAbstractionsVersion}]" />
            <PackageReference Include="Microsoft.Kiota.Serialization.Text" Version="[{KiotaAbstractionsVersion}]" />
            <PackageReference Include="Microsoft.Kiota.Serialization.Form" Version="[{KiotaAbstractionsVersion}]" />
            <PackageReference Include="Microsoft.Kiota.Serialization.Multipart" Version="[{KiotaAbstractionsVersion}]" />
          </ItemGroup>
        </Project>
        """;

    /// <summary>A client program: starts a job through the generated client, follows it to its end, lists its images.</summary>
    private const string ClientProgram = """
        using System.Text.Json;
        using Factory.Client;
        using Factory.Client.Models;
        using Microsoft.Kiota.Abstractions.Authentication;
        using Microsoft.Kiota.Http.HttpClientLibrary;

        var adapter = new HttpClientRequestAdapter(new AnonymousAuthenticationProvider()) { BaseUrl = args[0] };
        var client = new FactoryApiClient(adapter);
        var started = await client.Api.Jobs.PostAsync(new StartJobRequest
        {
            Configuration = new ConfigurationRequest
            {
                Keywords = "red barn\nblue lake",
                SystemPrompt = "stock photo of {keyword}",
                Parameters = new GenerationParametersRequest
                {
                    Label = "kiota client",
                    Provider = GenerationParametersRequest_provider.Piapi,
                    Count = 1,
                    AspectRatios = ["1:1"],
                    PollingIntervalSeconds = 1,
                    PollingTimeoutMinutes = 2,
                    GenerationRetryAttempts = 0,
                },
            },
        });
        var id = started!.Id!;
        var deadline = DateTime.UtcNow.AddMinutes(5);
        JobResponse job;
        while (true)
        {
            job = (await client.Api.Jobs[id].GetAsync())!;
            if (job.Status is JobResponse_status.Completed or JobResponse_status.Failed or JobResponse_status.Cancelled)
            {
                break;
            }
            if (DateTime.UtcNow > deadline)
            {
                Console.Error.WriteLine($"job {id} is still {job.Status} after 5 minutes");
                return 2;
            }
            await Task.Delay(200);
        }
        var images = await client.Api.Jobs[id].Images.GetAsync();
        Console.WriteLine(JsonSerializer.Serialize(new
        {
            jobId = id,
            status = job.Status?.ToString().ToLowerInvariant(),
            provider = job.Configuration?.Parameters?.Provider?.ToString().ToLowerInvariant(),
            totalImages = job.TotalImages,
            images = images!.Items!.Select(i => i.Id).ToList(),
        }));
        return 0;
        """;
}
