using System.ClientModel.Primitives;

namespace GenImageFactory.Infrastructure.OpenAi;

/// <summary>
/// The SDK's retry policy (5xx, timeouts, and 429 after the delay the response gives), except that a 429
/// saying the quota is exhausted is not retried: waiting cannot fix it, so the job should learn at once.
/// </summary>
internal sealed class QuotaAwareRetryPolicy(int maxRetries) : ClientRetryPolicy(maxRetries)
{
    protected override bool ShouldRetry(PipelineMessage message, Exception? exception) =>
        !OpenAiErrors.IsQuotaExhausted(message.Response) && base.ShouldRetry(message, exception);

    protected override ValueTask<bool> ShouldRetryAsync(PipelineMessage message, Exception? exception) =>
        OpenAiErrors.IsQuotaExhausted(message.Response) ? ValueTask.FromResult(false) : base.ShouldRetryAsync(message, exception);
}
