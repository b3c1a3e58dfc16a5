using System.Text.Json;
using Microsoft.DurableTask;

namespace GenImageFactory.Pipeline.Orchestrations;

/// <summary>
/// Step calls that take only their own step's answer. The engine sends an episode's steps before it records them, so a
/// process that dies in between leaves steps that still run while the episode runs again elsewhere. When that episode's
/// messages come batched otherwise there (other steps ended meanwhile), it can give the lost steps' sequence numbers to
/// other steps, and the engine matches an answer to its call by that number alone: a lost slot exchange's grant can
/// reach a generation's submit step. An answer that is not the call's own (of another shape, or
/// <c>isOwn</c> says so) is dropped and the step called again: every step is safe to run again.
/// </summary>
internal static class OwnAnswers
{
    /// <summary>Foreign answers taken per call before giving up: each is a step lost in a crash, a few at most.</summary>
    private const int MaxForeign = 5;

    public static async Task<TResult> CallAsync<TResult>(TaskOrchestrationContext context, TaskName step, object input, TaskOptions? options, Func<TResult, bool> isOwn)
    {
        for (var foreign = 0; ; foreign++)
        {
            try
            {
                var answer = await context.CallActivityAsync<TResult>(step, input, options);
                if (answer is not null && isOwn(answer))
                {
                    return answer;
                }
            }
            catch (JsonException) when (foreign < MaxForeign)
            {
                // Another step's answer, of another shape.
                continue;
            }
            if (foreign >= MaxForeign)
            {
                throw new InvalidOperationException($"{step.Name} was answered {foreign + 1} times by other steps.");
            }
        }
    }
}
