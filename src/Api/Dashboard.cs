using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.FileProviders;

namespace GenImageFactory.Api;

/// <summary>
/// The web dashboard (src/Dashboard: plain HTML, CSS and ES modules, no build step), copied next to each
/// host's binaries as <c>wwwroot/</c> and served at <c>/</c>. It talks only to the HTTP API.
/// </summary>
public static class Dashboard
{
    private static readonly FileExtensionContentTypeProvider ContentTypes = new();

    /// <summary>The Functions trigger's name; its place in the alphabetical order matters (see <see cref="FunctionRoute"/>).</summary>
    public const string FunctionName = "Dashboard";

    /// <summary>
    /// The Functions trigger's route: any path except <c>api</c> and <c>api/...</c>, because the Functions host
    /// tries routes in the alphabetical order of function names (not by ASP.NET Core precedence) and
    /// "Dashboard" sorts before most API functions. The default gives the root a value, so the root also
    /// passes the constraint (a catch-all with no value fails it) and serves index.html.
    /// </summary>
    public const string FunctionRoute = "{*path:regex(^(?!api(/|$)))=index.html}";

    public static IFileProvider Files { get; } = new PhysicalFileProvider(Path.Combine(AppContext.BaseDirectory, "wwwroot"));

    /// <summary>The Server: <c>/</c> serves index.html, other paths the files (the API keeps its own routes).</summary>
    public static WebApplication UseDashboard(this WebApplication app)
    {
        app.UseDefaultFiles(new DefaultFilesOptions { FileProvider = Files });
        app.UseStaticFiles(new StaticFileOptions { FileProvider = Files });
        return app;
    }

    /// <summary>One dashboard file by its path under <c>/</c> (the Functions host's catch-all trigger); 404 outside it.</summary>
    public static IResult Serve(string? path)
    {
        var file = Files.GetFileInfo(string.IsNullOrEmpty(path) ? "index.html" : path);
        if (!file.Exists || file.IsDirectory || file.PhysicalPath is null)
        {
            return TypedResults.NotFound();
        }
        var contentType = ContentTypes.TryGetContentType(file.Name, out var type) ? type : "application/octet-stream";
        return TypedResults.PhysicalFile(file.PhysicalPath, contentType);
    }
}
