namespace GenImageFactory.Local;

/// <summary>Finds the repository's files from wherever a program or test runs.</summary>
public static class RepositoryPaths
{
    /// <summary>The folder holding GenImageFactory.sln, searched upwards from the app's base directory.</summary>
    public static string Root { get; } = FindRoot();

    public static string AzuriteExecutable => Path.Combine(Root, "node_modules", ".bin", "azurite");

    /// <summary>The Server's built entry assembly for the build configuration this program was built with.</summary>
    public static string ServerAssembly
    {
        get
        {
            var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent?.Name ?? "Debug";
            var path = Path.Combine(Root, "src", "Server", "bin", configuration, "net10.0", "GenImageFactory.Server.dll");
            return File.Exists(path)
                ? path
                : throw new FileNotFoundException($"The Server is not built ({path}); run 'dotnet build' first.", path);
        }
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "GenImageFactory.sln")))
            {
                return dir.FullName;
            }
        }
        throw new DirectoryNotFoundException("GenImageFactory.sln was not found above " + AppContext.BaseDirectory);
    }
}
