using Azure.Core;
using Azure.Core.Pipeline;

namespace GenImageFactory.Infrastructure.Tests.Storage;

/// <summary>Counts the requests a client sends (reads apart: GET), or those of them that <paramref name="counted"/> picks.</summary>
internal sealed class RequestCounter(Func<HttpMessage, bool>? counted = null) : HttpPipelinePolicy
{
    private int _reads;
    private int _total;

    public int Reads => _reads;
    public int Total => _total;

    public void Reset() => (_reads, _total) = (0, 0);

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        Count(message);
        ProcessNext(message, pipeline);
    }

    public override ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        Count(message);
        return ProcessNextAsync(message, pipeline);
    }

    private void Count(HttpMessage message)
    {
        if (counted?.Invoke(message) == false)
        {
            return;
        }
        Interlocked.Increment(ref _total);
        if (message.Request.Method == RequestMethod.Get)
        {
            Interlocked.Increment(ref _reads);
        }
    }
}
