using System.Text.Json;
using System.Text.RegularExpressions;
using GenImageFactory.Api;
using GenImageFactory.Domain.Configuration;
using GenImageFactory.Local;
using Microsoft.AspNetCore.Routing.Patterns;

namespace GenImageFactory.Functions.Tests;

/// <summary>
/// The reference in docs/ says what the code does: api.md has a heading for every route the hosts serve and for no
/// other, configuration.md names every field of a configuration, and the README links the documents.
/// </summary>
public partial class DocumentationTests
{
    private static readonly string[] Documents = ["api.md", "configuration.md", "architecture.md"];

    /// <summary>A route's heading in api.md, e.g. <c>### `GET /api/jobs/{id}/images` — ListJobImages</c>.</summary>
    [GeneratedRegex(@"^### `(?<method>[A-Z]+) (?<path>/\S*)` — (?<name>[A-Za-z]+)$")]
    private static partial Regex RouteHeading();

    /// <summary>docs/ beside GenImageFactory.sln (<see cref="RepositoryPaths.Root"/> walks up to it from the test's binaries).</summary>
    private static string Read(params string[] path) => File.ReadAllText(Path.Combine([RepositoryPaths.Root, .. path]));

    private static string Route(string method, string path, string name) => $"{method} {path} ({name})";

    /// <summary>Every API route both hosts serve: the route table, and the OpenAPI document they serve beside it.</summary>
    private static List<string> ServedRoutes() =>
    [
        .. ApiRoutes.All.Select(r => Route(r.Method, AsWritten(r.Pattern), r.Name)),
        Route("GET", "/" + ApiDocument.Route, ApiDocument.FunctionName),
    ];

    /// <summary>A route pattern as a client writes its path: <c>{id:regex(...)}</c> is <c>{id}</c>.</summary>
    private static string AsWritten(string pattern) =>
        string.Concat(RoutePatternFactory.Parse(pattern).PathSegments.Select(segment => "/" + string.Concat(segment.Parts.Select(part => part switch
        {
            RoutePatternLiteralPart literal => literal.Content,
            RoutePatternSeparatorPart separator => separator.Content,
            RoutePatternParameterPart parameter => $"{{{parameter.Name}}}",
            _ => throw new NotSupportedException($"A route part of '{pattern}' has no written form."),
        }))));

    [Fact]
    public void ApiReference_HasAHeadingForEveryServedRoute_AndForNoOther()
    {
        var headings = Read("docs", "api.md").Split('\n')
            .Select(line => line.TrimEnd('\r'))
            .Where(line => line.StartsWith("### `", StringComparison.Ordinal))
            .ToList();
        var malformed = headings.Where(h => !RouteHeading().IsMatch(h)).ToList();
        Assert.True(malformed.Count == 0, $"Route headings read ### `METHOD /path` — RouteName; these do not: {string.Join(" | ", malformed)}");

        var documented = headings.Select(h => RouteHeading().Match(h))
            .Select(m => Route(m.Groups["method"].Value, m.Groups["path"].Value, m.Groups["name"].Value))
            .ToList();
        var served = ServedRoutes();
        var twice = documented.GroupBy(r => r).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        var missing = served.Except(documented).Order().ToList();
        var notServed = documented.Except(served).Order().ToList();

        Assert.True(twice.Count == 0, $"docs/api.md documents a route twice: {string.Join(", ", twice)}");
        Assert.True(missing.Count == 0 && notServed.Count == 0,
            $"docs/api.md has no heading for: [{string.Join(", ", missing)}]; it documents routes that are not served: [{string.Join(", ", notServed)}]");
    }

    [Fact]
    public void ConfigurationReference_NamesEveryFieldOfAConfiguration()
    {
        using var empty = JsonDocument.Parse("{}");
        var defaults = ConfigurationReader.Read(empty.RootElement, requireName: false).Value!;
        var fields = FieldPaths(JsonSerializer.SerializeToElement(defaults, ConfigurationJson.Options), "").ToList();
        var text = Read("docs", "configuration.md");

        Assert.Contains("parameters.count", fields);
        var missing = fields.Where(path => !text.Contains($"`{path}`", StringComparison.Ordinal)).ToList();
        Assert.True(missing.Count == 0, $"docs/configuration.md does not name: {string.Join(", ", missing)}");
    }

    [Fact]
    public void Readme_LinksEveryDocument()
    {
        var readme = Read("README.md");
        Assert.All(Documents, file =>
        {
            Assert.True(File.Exists(Path.Combine(RepositoryPaths.Root, "docs", file)), $"docs/{file} is missing");
            Assert.Contains($"(docs/{file})", readme, StringComparison.Ordinal);
        });
    }

    /// <summary>Dotted paths of every field, objects and their fields alike (<c>parameters</c>, <c>parameters.count</c>).</summary>
    private static IEnumerable<string> FieldPaths(JsonElement json, string prefix) =>
        json.EnumerateObject().SelectMany(property => property.Value.ValueKind == JsonValueKind.Object
            ? FieldPaths(property.Value, $"{prefix}{property.Name}.").Prepend(prefix + property.Name)
            : [prefix + property.Name]);
}
