using System.Text.RegularExpressions;

/// <summary>
/// Where the storage emulator's time goes, from its debug log: each request's operation (and table), and the time
/// Azurite says it took (<c>EndMiddleware ... TotalTimeInMS</c>). Shows which requests cost the most in all, and,
/// comparing their mean time in the first and the last quarter of the run, which grow dearer as the tables and
/// queues fill.
/// </summary>
internal static partial class AzuriteRequestTimes
{
    [GeneratedRegex(@"^\S+ (?<id>\S+) info: DispatchMiddleware: Operation=(?<op>\S+)")]
    private static partial Regex Operation();

    [GeneratedRegex(@"^\S+ (?<id>\S+) info: tableStorageContextMiddleware: Account=\S+ tableName=(?<table>\S+)")]
    private static partial Regex Table();

    /// <summary>A transaction's first operation names its table (the request line says only <c>$batch</c>).</summary>
    [GeneratedRegex(@"^\S+ (?<id>\S+) debug: TableHandler:batch\(\) Raw request string .*?(?:POST|PUT|PATCH|MERGE|DELETE) http://[^/]+/[^/]+/(?<table>[A-Za-z]+)")]
    private static partial Regex BatchTable();

    [GeneratedRegex(@"^\S+ (?<id>\S+) info: EndMiddleware: End response\. TotalTimeInMS=(?<ms>\d+)")]
    private static partial Regex End();

    /// <summary>Digits that number a family of tables or queues (ImageSearch007, -control-03) read as one.</summary>
    [GeneratedRegex(@"\d+$")]
    private static partial Regex Numbered();

    private sealed record Timed(string Operation, int Milliseconds);

    public static void Print(string debugLog, int top = 15)
    {
        var operations = new Dictionary<string, string>();
        var tables = new Dictionary<string, string>();
        var timed = new List<Timed>();
        foreach (var line in File.ReadLines(debugLog))
        {
            if (Operation().Match(line) is { Success: true } op)
            {
                operations[op.Groups["id"].Value] = op.Groups["op"].Value;
            }
            else if (BatchTable().Match(line) is { Success: true } batch)
            {
                tables[batch.Groups["id"].Value] = Numbered().Replace(batch.Groups["table"].Value, "NN");
            }
            else if (Table().Match(line) is { Success: true, Groups: var groups } table && groups["table"].Value != "$batch")
            {
                tables[table.Groups["id"].Value] = Numbered().Replace(table.Groups["table"].Value, "NN");
            }
            else if (End().Match(line) is { Success: true } end)
            {
                var id = end.Groups["id"].Value;
                var name = operations.GetValueOrDefault(id, "?") + (tables.TryGetValue(id, out var t) ? " " + t : "");
                timed.Add(new Timed(name, int.Parse(end.Groups["ms"].Value, System.Globalization.CultureInfo.InvariantCulture)));
                operations.Remove(id);
                tables.Remove(id);
            }
        }
        var quarter = timed.Count / 4;
        var first = timed.Take(quarter).ToLookup(r => r.Operation);
        var last = timed.Skip(timed.Count - quarter).ToLookup(r => r.Operation);
        var total = timed.Sum(r => (long)r.Milliseconds);
        Console.WriteLine($"Azurite time by request ({timed.Count} requests, {total / 1000.0:F1} s in all; mean ms in the run's first and last quarter):");
        Console.WriteLine($"  {"operation",-56} {"count",6} {"total s",8} {"share",6} {"mean",6} {"first",6} {"last",6}");
        foreach (var group in timed.GroupBy(r => r.Operation).OrderByDescending(g => g.Sum(r => (long)r.Milliseconds)).Take(top))
        {
            var sum = group.Sum(r => (long)r.Milliseconds);
            Console.WriteLine($"  {group.Key,-56} {group.Count(),6} {sum / 1000.0,8:F1} {(double)sum / Math.Max(1, total),6:P0} " +
                              $"{group.Average(r => r.Milliseconds),6:F1} {Mean(first[group.Key]),6} {Mean(last[group.Key]),6}");
        }
    }

    private static string Mean(IEnumerable<Timed> requests) => requests.Any() ? requests.Average(r => r.Milliseconds).ToString("F1", System.Globalization.CultureInfo.InvariantCulture) : "-";
}
