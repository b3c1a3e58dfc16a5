using GenImageFactory.Infrastructure.Storage;
using Microsoft.Extensions.Configuration;

namespace GenImageFactory.Infrastructure.Tests.Storage;

public class StorageAccountTests
{
    private static StorageAccount From(string connectionString) =>
        StorageAccount.From(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:Storage"] = connectionString }).Build());

    [Fact]
    public void AConnectionStringWithAKeyThatIsNotBase64_IsRefusedAtStart_NamingTheSettingButNotTheKey()
    {
        const string key = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTBMtSMP58JLMCBtFb9w==";

        var error = Assert.Throws<InvalidOperationException>(() => From(
            $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={key};TableEndpoint=http://127.0.0.1:10002/devstoreaccount1;"));

        Assert.Contains("ConnectionStrings:Storage", error.Message);
        Assert.DoesNotContain(key[..20], error.Message);
    }

    [Theory]
    [InlineData("UseDevelopmentStorage=true")]
    [InlineData("DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;TableEndpoint=http://127.0.0.1:10002/devstoreaccount1;")]
    public void AReadableConnectionString_IsKept(string connectionString) =>
        Assert.Equal(connectionString, From(connectionString).ConnectionString);
}
