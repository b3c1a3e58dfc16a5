using GenImageFactory.Local;
using YamlDotNet.RepresentationModel;

namespace GenImageFactory.Functions.Tests;

/// <summary>azure.yaml lets <c>azd up</c> provision infra/ and deploy the Functions app.</summary>
public class AzureYamlTests
{
    private static YamlMappingNode Root()
    {
        var yaml = new YamlStream();
        using var reader = new StreamReader(Path.Combine(RepositoryPaths.Root, "azure.yaml"));
        yaml.Load(reader);
        return (YamlMappingNode)yaml.Documents.Single().RootNode;
    }

    private static string Scalar(YamlNode node, string key) => ((YamlScalarNode)((YamlMappingNode)node)[key]).Value!;

    [Fact]
    public void TheServiceIsTheFunctionsProject_HostedAsAFunctionApp()
    {
        var services = (YamlMappingNode)Root()["services"];

        var service = Assert.Single(services.Children);
        var project = Scalar(service.Value, "project");
        Assert.True(File.Exists(Path.Combine(RepositoryPaths.Root, project, "Functions.csproj")), $"{project} holds no Functions.csproj");
        Assert.Equal("function", Scalar(service.Value, "host"));
        Assert.Equal("dotnet", Scalar(service.Value, "language"));
        // azd finds the app to deploy to by this tag.
        Assert.Contains($"'azd-service-name': '{((YamlScalarNode)service.Key).Value}'", File.ReadAllText(Path.Combine(RepositoryPaths.Root, "infra", "modules", "functionapp.bicep")));
    }

    [Fact]
    public void TheInfrastructureIsInfraMainBicep()
    {
        var infra = Root()["infra"];

        Assert.Equal("bicep", Scalar(infra, "provider"));
        Assert.True(File.Exists(Path.Combine(RepositoryPaths.Root, Scalar(infra, "path"), Scalar(infra, "module") + ".bicep")));
        Assert.Equal("infra", Scalar(infra, "path"));
    }
}
