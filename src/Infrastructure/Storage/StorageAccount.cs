using Azure.Core;
using Azure.Identity;
using Microsoft.Extensions.Configuration;

namespace GenImageFactory.Infrastructure.Storage;

/// <summary>
/// How both hosts reach storage, decided once from configuration:
/// <list type="bullet">
/// <item><c>ConnectionStrings:Storage</c> holding a connection string (Azurite, or a key in a lab);</item>
/// <item><c>ConnectionStrings:Storage</c> holding an account URI (<c>https://acct.blob.core.windows.net</c>), or
/// <c>Storage:AccountName</c>: the account's endpoints with <see cref="DefaultAzureCredential"/> — a managed
/// identity in Azure (<c>Storage:ClientId</c> picks a user-assigned one), so no key exists anywhere;</item>
/// <item>neither: Azurite on its default ports.</item>
/// </list>
/// </summary>
public sealed record StorageAccount(string? ConnectionString, string? AccountName, string? ClientId)
{
    public const string DevelopmentStorage = "UseDevelopmentStorage=true";

    public static StorageAccount From(IConfiguration configuration)
    {
        var clientId = configuration["Storage:ClientId"] is { Length: > 0 } id ? id : null;
        var value = configuration.GetConnectionString("Storage");
        if (Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps)
        {
            return new StorageAccount(null, uri.Host.Split('.')[0], clientId);
        }
        if (value is { Length: > 0 })
        {
            return new StorageAccount(Checked(value), null, null);
        }
        return configuration["Storage:AccountName"] is { Length: > 0 } name
            ? new StorageAccount(null, name, clientId)
            : new StorageAccount(DevelopmentStorage, null, null);
    }

    /// <summary>
    /// The connection string, once the storage SDK reads it (a clear start-up error instead of the SDK's, deep in the
    /// first client built). The message names the setting, never its value: it holds the account key.
    /// </summary>
    private static string Checked(string connectionString)
    {
        try
        {
            _ = new Azure.Data.Tables.TableServiceClient(connectionString);
            return connectionString;
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException or InvalidOperationException)
        {
            throw new InvalidOperationException(
                $"ConnectionStrings:Storage is not a storage connection string the Azure SDK can read ({ex.GetType().Name}: {ex.Message.Split('\n')[0]}). "
                + "Use UseDevelopmentStorage=true, an Azurite or account connection string with a base64 AccountKey, or the account's https URI.");
        }
    }

    public bool UsesIdentity => ConnectionString is null;

    public Uri ServiceUri(string service) => new($"https://{AccountName}.{service}.core.windows.net");

    public TokenCredential Credential() =>
        new DefaultAzureCredential(new DefaultAzureCredentialOptions { ManagedIdentityClientId = ClientId });
}
