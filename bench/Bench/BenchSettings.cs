using System.Globalization;

namespace GenImageFactory.Bench;

/// <summary>Command line: <c>--generations N --latency-ms L --concurrency C --runs R --poll-seconds P --servers S --jobs J --webhooks 0|1 --provider piapi|runware|openai-images</c>.</summary>
/// <param name="Servers">Server processes sharing the task hub (the jobs are started on the first).</param>
/// <param name="Jobs">Jobs of N generations started at once; the provider's cap (C) is shared by all of them.</param>
/// <param name="Webhooks">PiAPI calls the first Server back when a task ends (the generation then polls at once).</param>
public sealed record BenchSettings(int Generations, int LatencyMs, int Concurrency, int Runs, int PollSeconds, string Provider = "piapi", int Servers = 1, int Jobs = 1, bool Webhooks = false)
{
    public static BenchSettings Parse(string[] args)
    {
        var settings = new BenchSettings(Generations: 200, LatencyMs: 2000, Concurrency: 20, Runs: 3, PollSeconds: 1);
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            if (args[i] == "--provider")
            {
                settings = settings with { Provider = args[i + 1] };
                continue;
            }
            var value = int.Parse(args[i + 1], CultureInfo.InvariantCulture);
            settings = args[i] switch
            {
                "--generations" => settings with { Generations = value },
                "--latency-ms" => settings with { LatencyMs = value },
                "--concurrency" => settings with { Concurrency = value },
                "--runs" => settings with { Runs = value },
                "--poll-seconds" => settings with { PollSeconds = value },
                "--servers" => settings with { Servers = value },
                "--jobs" => settings with { Jobs = value },
                "--webhooks" => settings with { Webhooks = value != 0 },
                _ => throw new ArgumentException($"Unknown option {args[i]}"),
            };
        }
        return settings;
    }

    /// <summary>The provider's settings section (<c>Providers__&lt;Section&gt;__...</c>).</summary>
    public string ProviderSection => Provider switch
    {
        "runware" => "Runware",
        "openai-images" => "OpenAIImages",
        _ => "PiApi",
    };

    /// <summary>The wall time with zero overhead: ceil(J x N / C) waves of one provider latency each.</summary>
    public TimeSpan Ideal => TimeSpan.FromMilliseconds(Math.Ceiling((double)Jobs * Generations / Concurrency) * LatencyMs);
}
