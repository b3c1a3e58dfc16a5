using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using GenImageFactory.Domain.Configuration;

// Keywords may be 1 MiB: time the whole configuration read (CSV parse included) on the worst shapes of that size.
// A parser with quadratic work would take minutes here; a linear one takes milliseconds.
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
const int Size = 1024 * 1024 - 64;
var inputs = new (string Name, string Keywords)[]
{
    ("1 MiB field of quotes after text", "Subject\nx" + new string('"', Size)),
    ("1 MiB quoted field of escaped quotes", "Subject\n\"" + new string('"', Size / 2 * 2) + "\""),
    ("1 MiB of commas", "Subject\n" + new string(',', Size)),
    ("1 MiB of one-character lines", "Subject\n" + string.Concat(Enumerable.Repeat("a\n", Size / 2))),
};
Console.WriteLine($"Machine: {Environment.ProcessorCount} cores; median of 5 reads each");
foreach (var (name, keywords) in inputs)
{
    var json = JsonSerializer.SerializeToElement(new { name = "bench", keywords, keywordsFormat = "csv", systemPrompt = "photo of ${{Subject}}" });
    var times = new List<double>();
    for (var run = 0; run < 5; run++)
    {
        var clock = Stopwatch.StartNew();
        var read = ConfigurationReader.Read(json);
        times.Add(clock.Elapsed.TotalMilliseconds);
        GC.KeepAlive(read);
    }
    Console.WriteLine($"{name,-40} {times.Order().ElementAt(2),8:F1} ms");
}
