using Microsoft.Extensions.Logging.Abstractions;

namespace GenImageFactory.Infrastructure.Tests;

public class StartupRetryTests
{
    [Fact]
    public async Task AStepThatFails_IsTriedAgain_UntilItStarts()
    {
        var tries = 0;

        await StartupRetry.RunAsync(_ => ++tries < 3 ? throw new IOException("not there yet") : ValueTask.CompletedTask,
            "Test", NullLogger.Instance, CancellationToken.None);

        Assert.Equal(3, tries);
    }

    [Fact]
    public async Task AFailure_AfterTheHostStopped_IsThrown_NotRetried()
    {
        using var stopping = new CancellationTokenSource();
        var tries = 0;

        await Assert.ThrowsAsync<IOException>(() => StartupRetry.RunAsync(_ =>
        {
            tries++;
            stopping.Cancel();
            throw new IOException("not there yet");
        }, "Test", NullLogger.Instance, stopping.Token).AsTask());

        Assert.Equal(1, tries);
    }
}
