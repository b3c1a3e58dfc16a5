using Azure;
using Azure.Core;
using Azure.Data.Tables;
using GenImageFactory.Infrastructure.Storage;
using GenImageFactory.Local;

namespace GenImageFactory.Infrastructure.Tests.Storage;

/// <summary>Which storage failures a request answers 503 for (try again later) rather than 500.</summary>
public sealed class StorageOutagesTests
{
    [Fact]
    public async Task StorageThatDoesNotAnswer_AfterTheSdksRetries_IsAnOutage()
    {
        // Nothing listens on this loopback port: the SDK's own transport failure, as it reaches a handler.
        var options = new TableClientOptions { Retry = { MaxRetries = 1, Delay = TimeSpan.FromMilliseconds(10), Mode = RetryMode.Fixed } };
        var unreachable = new TableServiceClient($"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={Convert.ToBase64String(new byte[64])};TableEndpoint=http://127.0.0.1:{FreePorts.Next()}/devstoreaccount1;", options);

        var failure = await Record.ExceptionAsync(() => unreachable.GetTableClient("Jobs").GetEntityIfExistsAsync<TableEntity>("job", "x"));

        Assert.NotNull(failure);
        Assert.True(StorageOutages.IsOutage(failure, storageReady: true), failure.ToString());
    }

    [Theory]
    [InlineData(503, true)]
    [InlineData(500, true)]
    [InlineData(429, true)]
    [InlineData(408, true)]
    [InlineData(404, false)]
    [InlineData(409, false)]
    [InlineData(412, false)]
    public void AnAnswerFromStorage_IsAnOutageOnlyWhenItIsBusyOrFailing(int status, bool outage)
    {
        var failure = new RequestFailedException(status, "storage said so");

        Assert.Equal(outage, StorageOutages.IsOutage(failure, storageReady: true));
        // Before the tables are known to exist (the host is starting), any storage error is one: a missing table is not a bug.
        Assert.True(StorageOutages.IsOutage(failure, storageReady: false));
        Assert.Equal(outage, StorageOutages.IsOutage(new AggregateException("Retry failed after 4 tries.", failure), storageReady: true));
    }

    [Theory]
    [InlineData("TableNotFound", true)]
    [InlineData("QueueNotFound", true)]
    [InlineData("ContainerNotFound", true)]
    [InlineData("ResourceNotFound", false)]
    [InlineData("BlobNotFound", false)]
    public void AStoreThatIsGone_IsAnOutage_ARowOrBlobThatIsGoneIsNot(string errorCode, bool outage) =>
        // Storage emptied under the host (an emulator restarted in memory): not the request's fault, and not for ever.
        Assert.Equal(outage, StorageOutages.IsOutage(new RequestFailedException(404, "not there", errorCode, null), storageReady: true));

    [Fact]
    public void AFaultOfTheFactorysOwn_IsNoOutage() =>
        Assert.False(StorageOutages.IsOutage(new InvalidOperationException("a bug", new ArgumentException("deeper")), storageReady: false));
}
